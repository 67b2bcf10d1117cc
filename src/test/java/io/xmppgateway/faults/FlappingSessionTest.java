package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.xmppgateway.health.XmppSessionHealthCheck;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A server that ends the stream right after each of the first four logins, then keeps the fifth. The gateway backs
 * off between the connections, and readiness is DOWN — state {@code flapping}, with the server's stream error — from
 * the third loss until the fifth session has stayed up {@code xmpp.reconnect.stable-after}, even while it is online.
 * An account whose login always ended this way once reconnected at "attempt 1" forever, and readiness said UP most
 * of the time.
 */
class FlappingSessionTest {

    private static final int KILLED = 4;
    private static final String KILL = "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
            + "</stream:error></stream:stream>";

    @Test
    void aSessionLostAgainAndAgainAfterLoginBacksOffAndIsNotReadyUntilStable() throws Exception {
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(),
                connection -> connection <= KILLED ? KILL : null)) {
            Map<String, String> config = new HashMap<>(server.gatewayConfig());
            config.put("xmpp.reconnect.initial-delay", "200ms");
            config.put("xmpp.reconnect.max-delay", "2s");
            config.put("xmpp.reconnect.multiplier", "2.0");
            config.put("xmpp.reconnect.jitter", "0.0");
            config.put("xmpp.reconnect.stable-after", "2s");
            config.put("xmpp.reconnect.flapping-after", "3");
            try (SessionHarness session = new SessionHarness(config)) {
                XmppSessionHealthCheck readiness = new XmppSessionHealthCheck(session.status);

                // The fifth session is up: the server no longer kills it, but it has not proved itself yet.
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.connectedAt().size() > KILLED
                        && session.status.current().state() == SessionStatus.State.ONLINE);
                HealthCheckResponse online = readiness.call();
                assertEquals(HealthCheckResponse.Status.DOWN, online.getStatus(), "flapping, though online");
                Map<String, Object> data = online.getData().orElseThrow();
                assertEquals("flapping", data.get("state"));
                assertEquals("online", data.get("session"));
                assertTrue(String.valueOf(data.get("lastError")).contains("policy-violation"), data.toString());
                assertEquals(KILLED + 1L, ((Number) data.get("attempts")).longValue(),
                        "attempts since the last stable session");

                List<Long> at = server.connectedAt();
                long[] backoff = {200, 400, 800, 1600};
                for (int i = 1; i <= KILLED; i++) {
                    long gapMillis = (at.get(i) - at.get(i - 1)) / 1_000_000;
                    assertTrue(gapMillis >= backoff[i - 1], "connection " + (i + 1) + " came " + gapMillis
                            + " ms after the one before, not after the backoff's " + backoff[i - 1] + " ms");
                }
                long second = (at.get(2) - at.get(1)) / 1_000_000;
                long fourth = (at.get(4) - at.get(3)) / 1_000_000;
                // 400 ms then 1,600 ms of backoff; negotiating on a busy machine adds to both.
                assertTrue(fourth >= 1.5 * second, "the gaps grow: " + second + " ms, then " + fourth + " ms");

                // Up stable-after: ready again, and the flapping is over.
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.UP);
                Map<String, Object> stable = readiness.call().getData().orElseThrow();
                assertEquals("online", stable.get("state"));
                assertTrue(!stable.containsKey("lastError") && !stable.containsKey("attempts"), stable.toString());
                assertEquals(KILLED + 1, server.connectedAt().size(), "no more connections");
            }
        }
    }
}
