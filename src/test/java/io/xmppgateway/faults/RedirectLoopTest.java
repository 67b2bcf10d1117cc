package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A server that redirects to itself ({@code see-other-host}) right after every login. The gateway follows five
 * redirects at once, then backs off — it once reconnected at once, with no bound, forever.
 */
class RedirectLoopTest {

    @Test
    void redirectsAfterLoginAreBoundedAndThenBackedOff() throws Exception {
        int[] port = new int[1];
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(), connection ->
                "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>127.0.0.1:" + port[0]
                        + "</see-other-host></stream:error></stream:stream>")) {
            port[0] = server.port();
            Map<String, String> config = new java.util.HashMap<>(server.gatewayConfig());
            config.put("xmpp.reconnect.initial-delay", "1s");
            config.put("xmpp.reconnect.max-delay", "1s");
            try (SessionHarness session = new SessionHarness(config)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.connectedAt().size() >= 8);
            }
            List<Long> at = server.connectedAt();
            // Connections 1-6: the first and five redirects followed at once; 7 and 8 each wait the backoff
            // (1 s less at most half of jitter).
            for (int i = 6; i < 8; i++) {
                long gapMillis = (at.get(i) - at.get(i - 1)) / 1_000_000;
                assertTrue(gapMillis >= 450, "connection " + (i + 1) + " came " + gapMillis + " ms after the one before");
            }
        }
    }
}
