package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/**
 * A component session whose secret the server refuses is reported (health FAILED, saying why) and not retried: no
 * reconnect storm against the server, like a refused password ({@link WrongPasswordTest}).
 */
class ComponentWrongSecretSessionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void stopsAfterOneRefusedHandshakeAndSaysWhy(XmppServer server) throws InterruptedException {
        try (SessionHarness session = SessionHarness.component(server, Map.of(
                "xmpp.component.secret", "not-" + Prosody.APP_SECRET,
                "xmpp.reconnect.initial-delay", "50ms"))) {
            SessionStatus.Snapshot failed = session.awaitState(SessionStatus.State.FAILED, Duration.ofSeconds(20));
            assertThat(failed.lastError().orElse(""), containsString("not-authorized"));
            assertThat(failed.lastError().orElse(""), containsString(Prosody.APP_DOMAIN));

            // With a 50 ms backoff, a retry loop would have made many attempts by now.
            Thread.sleep(3_000);
            assertEquals(1, session.status.totalAttempts());
            assertEquals(SessionStatus.State.FAILED, session.status.current().state());
        }
    }
}
