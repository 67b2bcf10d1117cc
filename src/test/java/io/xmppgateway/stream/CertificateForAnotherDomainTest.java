package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/**
 * A trusted certificate that is neither for the XMPP domain nor for the host connected to is refused (RFC 7590
 * §3.2): the gateway checks the server's identity, not only the signature.
 */
class CertificateForAnotherDomainTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void refusesATrustedCertificateIssuedForAnotherDomain(XmppServer server) {
        try (SessionHarness session = new SessionHarness(server, Map.of(
                "xmpp.jid", Prosody.GATEWAY + "@" + Prosody.MISMATCHED_DOMAIN))) {
            SessionStatus.Snapshot refused = session.awaitState(SessionStatus.State.DISCONNECTED,
                    Duration.ofSeconds(20));
            assertThat(refused.lastError().orElse(""), containsString("TLS handshake failed"));
            assertThat(refused.lastError().orElse(""), containsString("No subject alternative names"));
        }
    }
}
