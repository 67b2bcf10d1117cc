package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * Another client logs in as the gateway with the gateway's resource; the server ends the gateway's stream with
 * {@code <conflict/>}. The gateway says so (state, last error) and waits {@code xmpp.reconnect.conflict-delay}
 * before taking the resource back, instead of fighting for it at once.
 */
class ResourceConflictTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void aConflictIsReportedAndWaitedOut(XmppServer server) throws Exception {
        try (SessionHarness session = new SessionHarness(server, Map.of(
                "xmpp.resource", "conflict-test",
                "xmpp.reconnect.conflict-delay", "3s"))) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            XMPPTCPConnection intruder = SmackClients.connect(server, Prosody.GATEWAY, "conflict-test");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        session.status.current().state() == SessionStatus.State.DISCONNECTED);
                SessionStatus.Snapshot conflicted = session.status.current();
                assertTrue(conflicted.lastError().orElse("").contains("conflict"), conflicted.toString());

                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> session.status.totalAttempts() == 2);
                long waited = Duration.between(conflicted.since(), session.status.current().since()).toMillis();
                assertTrue(waited >= 2_900, "the gateway waited " + waited + " ms before taking the resource back");
            } finally {
                intruder.disconnect();
            }
        }
    }
}
