package io.xmppgateway.api;

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
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyProfile;

/**
 * The login was refused, so no session is coming: {@code POST /v1/iq} is answered 503 {@code xmpp_unavailable} with
 * {@code Retry-After} at once — the same answer a message gets — never 500.
 */
@QuarkusTest
@TestProfile(IqWithoutSessionTest.WrongPassword.class)
class IqWithoutSessionTest {

    public static class WrongPassword extends ProsodyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xmpp.password", "not-the-password");
        }
    }

    @Inject
    SessionStatus status;

    @Test
    void anIqIsRefusedAtOnceLikeAMessage() {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> status.current().state() == SessionStatus.State.FAILED);

        long start = System.nanoTime();
        Api.given().body(Map.of("to", Prosody.jid("alice") + "/smack", "type", "get", "timeoutMs", 10_000,
                        "payload", "<query xmlns='jabber:iq:version'/>"))
                .when().post("/v1/iq")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("xmpp_unavailable"));
        Api.given().body(Map.of("to", Prosody.jid("alice"), "body", "nobody will send this"))
                .when().post("/v1/messages")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("xmpp_unavailable"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 5_000, "answered at once, not at a deadline: " + elapsedMillis + " ms");
    }
}
