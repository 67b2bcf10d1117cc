package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/** The gateway logs in to a real Prosody with SCRAM over STARTTLS and binds its resource. */
class ScramLoginTest {

    @Test
    void logsInWithScramOverStartTlsAndBindsTheBotResource() {
        try (SessionHarness session = new SessionHarness(Map.of())) {
            SessionStatus.Snapshot online = session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));

            SessionStatus.Session established = online.session().orElseThrow();
            assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", established.jid());
            assertTrue(established.saslMechanism().startsWith("SCRAM-SHA-"), established.saslMechanism());
            assertTrue(established.tls().orElse("").startsWith("TLSv1."), "stream protected by TLS");
        }
    }
}
