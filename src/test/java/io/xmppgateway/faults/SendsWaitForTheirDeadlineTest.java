package io.xmppgateway.faults;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyProfile;

/**
 * Prosody is stopped: sends wait for a session until their deadline — {@code gateway.send-timeout} (1 s here) for a
 * message, {@code timeoutMs} for an IQ, even when it is longer than the send timeout — and are then answered 503
 * {@code xmpp_unavailable} with {@code Retry-After}: never 500, never a timeout for something that was never sent.
 */
@QuarkusTest
@TestProfile(SendsWaitForTheirDeadlineTest.ShortSendTimeout.class)
class SendsWaitForTheirDeadlineTest {

    public static class ShortSendTimeout extends ProsodyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.send-timeout", "1s");
        }
    }

    @Inject
    SessionStatus status;

    @Test
    void messagesAndIqsHeldWithoutASessionAre503AtTheirDeadline() {
        Online.await(status);
        Prosody prosody = Prosody.shared();
        prosody.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status.current().state() != SessionStatus.State.ONLINE);

            long start = System.nanoTime();
            Api.given().body(Map.of("to", Prosody.jid("alice") + "/smack", "type", "get", "timeoutMs", 3000,
                            "payload", "<query xmlns='jabber:iq:version'/>"))
                    .when().post("/v1/iq")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("xmpp_unavailable"));
            assertWaited(start, 2900, "an IQ waits for its own timeoutMs, longer than gateway.send-timeout");

            start = System.nanoTime();
            Api.given().body(Map.of("to", Prosody.jid("alice"), "body", "while the server is down"))
                    .when().post("/v1/messages")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("xmpp_unavailable"));
            assertWaited(start, 900, "a message waits for gateway.send-timeout");
        } finally {
            prosody.start();
        }
        Online.await(status);
    }

    private static void assertWaited(long start, long atLeastMillis, String what) {
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= atLeastMillis && elapsedMillis < atLeastMillis + 5_000,
                what + ": answered after " + elapsedMillis + " ms");
    }
}
