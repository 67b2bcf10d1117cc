package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/** A server whose certificate is not trusted is refused with an error that names the TLS handshake. */
class UntrustedCertificateTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void refusesTheServerAndSaysTheCertificateIsNotTrusted(XmppServer server) {
        try (SessionHarness session = new SessionHarness(server, Map.of(
                "xmpp.trust-store.path", server.untrustedCertificate().toString()))) {
            SessionStatus.Snapshot refused = session.awaitState(SessionStatus.State.DISCONNECTED,
                    Duration.ofSeconds(20));
            assertThat(refused.lastError().orElse(""), containsString("TLS handshake failed"));
            assertThat(refused.lastError().orElse(""), containsString("trust-store"));
        }
    }
}
