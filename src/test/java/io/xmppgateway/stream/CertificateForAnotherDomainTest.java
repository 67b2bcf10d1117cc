package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A trusted certificate that is neither for the XMPP domain nor for the host connected to is refused (RFC 7590
 * §3.2): the gateway checks the server's identity, not only the signature.
 */
class CertificateForAnotherDomainTest {

    @Test
    void refusesATrustedCertificateIssuedForAnotherDomain() {
        try (SessionHarness session = new SessionHarness(Map.of(
                "xmpp.jid", Prosody.GATEWAY + "@" + Prosody.MISMATCHED_DOMAIN))) {
            SessionStatus.Snapshot refused = session.awaitState(SessionStatus.State.DISCONNECTED,
                    Duration.ofSeconds(20));
            assertThat(refused.lastError().orElse(""), containsString("TLS handshake failed"));
            assertThat(refused.lastError().orElse(""), containsString("No subject alternative names"));
        }
    }
}
