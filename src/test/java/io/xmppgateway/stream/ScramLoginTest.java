package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/** The gateway logs in to a real server (Prosody, ejabberd) with SCRAM over STARTTLS and binds its resource. */
class ScramLoginTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void logsInWithScramOverStartTlsAndBindsTheBotResource(XmppServer server) {
        try (SessionHarness session = new SessionHarness(server, Map.of())) {
            SessionStatus.Snapshot online = session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));

            SessionStatus.Session established = online.session().orElseThrow();
            assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", established.jid());
            assertTrue(established.saslMechanism().startsWith("SCRAM-SHA-"), established.saslMechanism());
            assertTrue(established.tls().orElse("").startsWith("TLSv1."), "stream protected by TLS");
        }
    }
}
