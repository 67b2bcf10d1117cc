package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/** A server whose certificate is not trusted is refused with an error that names the TLS handshake. */
class UntrustedCertificateTest {

    @Test
    void refusesTheServerAndSaysTheCertificateIsNotTrusted() {
        try (SessionHarness session = new SessionHarness(Map.of(
                "xmpp.trust-store.path", Prosody.shared().untrustedCertificate().toString()))) {
            SessionStatus.Snapshot refused = session.awaitState(SessionStatus.State.DISCONNECTED,
                    Duration.ofSeconds(20));
            assertThat(refused.lastError().orElse(""), containsString("TLS handshake failed"));
            assertThat(refused.lastError().orElse(""), containsString("trust-store"));
        }
    }
}
