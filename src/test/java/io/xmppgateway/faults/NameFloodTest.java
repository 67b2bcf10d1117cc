package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A hostile server sends a flood of distinct element names on every connection and then ends the stream, again
 * and again. Each stream's parser keeps its own name table, dropped with the stream, so what the flood leaves on
 * the heap does not grow with the number of names: 30 connections × 4,000 names of 400 characters (48 MB of
 * names) leave the heap, after a full collection, grown by less than a tenth of that. (Keeping every stream's
 * parser alive instead makes it grow by more than the flood.) The heap is measured while the gateway sits on a
 * quiet connection, before and after the flood, in a JVM of this test's own.
 */
@Tag("own-jvm")
class NameFloodTest {

    private static final int WARM_UP_CONNECTIONS = 3;
    private static final int FLOOD_CONNECTIONS = 30;
    private static final int STANZAS = 40;
    private static final int NAMES_PER_STANZA = 100;
    private static final int NAME_LENGTH = 400;
    private static final long FLOOD_BYTES = (long) FLOOD_CONNECTIONS * STANZAS * NAMES_PER_STANZA * NAME_LENGTH;

    /** Connections up to this number flood; the others stay quiet. */
    private volatile int floodUntil = WARM_UP_CONNECTIONS;

    @Test
    void distinctNamesAcrossReconnectsDoNotGrowTheHeap() throws Exception {
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(),
                connection -> connection <= floodUntil ? flood(connection) : null);
             SessionHarness session = new SessionHarness(withQuickReconnects(server.gatewayConfig()))) {
            int quiet = WARM_UP_CONNECTIONS + 1;
            awaitSession(server, quiet);
            session.inbound.clear(); // the harness keeps what it received; the gateway does not
            long before = usedHeapAfterGc();

            floodUntil = quiet + FLOOD_CONNECTIONS;
            server.closeConnections();
            awaitSession(server, floodUntil + 1);
            int parsed = session.inbound.size();
            session.inbound.clear();
            long after = usedHeapAfterGc();

            assertTrue(parsed == FLOOD_CONNECTIONS * STANZAS, "the whole flood was parsed: " + parsed + " stanzas");
            long growth = after - before;
            assertTrue(growth < FLOOD_BYTES / 10, "the heap grew by " + growth / 1024 + " KB over a flood of "
                    + FLOOD_BYTES / 1024 + " KB of distinct names");
        }
    }

    /** Stanzas full of names no connection used before, then the end of the stream. */
    private static String flood(int connection) {
        String padding = "x".repeat(NAME_LENGTH - 24);
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < STANZAS; s++) {
            out.append("<message from='mallory@localhost/x' id='c").append(connection).append('s').append(s).append("'>");
            for (int n = 0; n < NAMES_PER_STANZA; n++) {
                out.append(String.format("<c%06ds%03dn%03d%s/>", connection, s, n, padding));
            }
            out.append("</message>");
        }
        return out.append("</stream:stream>").toString();
    }

    private static Map<String, String> withQuickReconnects(Map<String, String> config) {
        Map<String, String> quick = new HashMap<>(config);
        quick.put("xmpp.reconnect.max-delay", "100ms");
        return quick;
    }

    /** Waits until the gateway's session on connection {@code number} (from 1) is up and has settled. */
    private static void awaitSession(FakeXmppServer server, int number) throws InterruptedException {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> server.received().size() >= number
                && server.received().get(number - 1).contains("<presence"));
        Thread.sleep(500);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
