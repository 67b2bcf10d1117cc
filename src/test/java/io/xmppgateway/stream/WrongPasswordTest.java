package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/** A refused password is reported and not retried: no reconnect storm against the server. */
class WrongPasswordTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void stopsAfterOneRefusedLoginAndSaysWhy(XmppServer server) throws InterruptedException {
        try (SessionHarness session = new SessionHarness(server, Map.of(
                "xmpp.password", "not-the-password",
                "xmpp.reconnect.initial-delay", "50ms"))) {
            SessionStatus.Snapshot failed = session.awaitState(SessionStatus.State.FAILED, Duration.ofSeconds(20));
            assertThat(failed.lastError().orElse(""), containsString("not-authorized"));

            // With a 50 ms backoff, a retry loop would have made many attempts by now.
            Thread.sleep(1_500);
            assertEquals(1, session.status.totalAttempts());
            assertEquals(SessionStatus.State.FAILED, session.status.current().state());
        }
    }
}
