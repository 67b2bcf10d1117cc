package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A hostile server sends a flood of distinct element names on every connection and then ends the stream, again
 * and again. Each stream's parser keeps its own name table, dropped with the stream, so what the flood leaves on
 * the heap does not grow with the number of names: 30 connections × 4,000 names of 400 characters (48 MB of
 * names) leave the heap, after a full collection, grown by less than a quarter of that. (Keeping every stream's
 * parser alive instead makes it grow by more than the flood.)
 */
class NameFloodTest {

    private static final int WARM_UP_CONNECTIONS = 3;
    private static final int FLOOD_CONNECTIONS = 30;
    private static final int STANZAS = 40;
    private static final int NAMES_PER_STANZA = 100;
    private static final int NAME_LENGTH = 400;
    private static final long FLOOD_BYTES = (long) FLOOD_CONNECTIONS * STANZAS * NAMES_PER_STANZA * NAME_LENGTH;

    @Test
    void distinctNamesAcrossReconnectsDoNotGrowTheHeap() throws Exception {
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(), NameFloodTest::flood);
             SessionHarness session = new SessionHarness(withQuickReconnects(server.gatewayConfig()))) {
            awaitConnections(server, WARM_UP_CONNECTIONS);
            session.inbound.clear(); // the harness keeps what it received; the gateway does not
            long before = usedHeapAfterGc();

            awaitConnections(server, WARM_UP_CONNECTIONS + FLOOD_CONNECTIONS);
            int parsed = session.inbound.size();
            session.inbound.clear();
            long after = usedHeapAfterGc();

            assertTrue(parsed >= FLOOD_CONNECTIONS * STANZAS, "the flood was parsed: " + parsed + " stanzas");
            long growth = after - before;
            assertTrue(growth < FLOOD_BYTES / 4, "the heap grew by " + growth / 1024 + " KB over a flood of "
                    + FLOOD_BYTES / 1024 + " KB of distinct names");
        }
    }

    /** Every connection: stanzas full of names no connection used before, then the end of the stream. */
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

    /** Waits until the gateway bound a session on the {@code count}-th connection, so the one before is over. */
    private static void awaitConnections(FakeXmppServer server, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> server.received().size() > count
                && server.received().get(count).contains("<bind"));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
