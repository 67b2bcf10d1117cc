package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionStatusTest {

    private static final SessionStatus.Session SESSION = new SessionStatus.Session("gateway@localhost/bot",
            "SCRAM-SHA-256", Optional.of("TLSv1.3"));

    @Test
    void aBlipLeavesTheSessionReadyOnceOnlineAgain() {
        SessionStatus status = new SessionStatus();
        status.connecting(1);
        status.online(SESSION, false);
        status.disconnected("stream error system-shutdown", false);
        assertFalse(status.current().ready());
        status.connecting(2);
        status.online(SESSION, false);
        SessionStatus.Snapshot online = status.current();
        assertTrue(online.ready());
        assertEquals(Optional.empty(), online.lastError());
        assertEquals(0, online.attempts());
    }

    @Test
    void aFlappingSessionIsNotReadyEvenOnlineAndSaysWhy() {
        SessionStatus status = new SessionStatus();
        status.connecting(3);
        status.disconnected("stream error policy-violation", true);
        status.connecting(4);
        assertTrue(status.current().flapping(), "still flapping while it tries again");
        status.online(SESSION, false);
        SessionStatus.Snapshot online = status.current();
        assertEquals(SessionStatus.State.ONLINE, online.state());
        assertTrue(online.flapping());
        assertFalse(online.ready());
        assertEquals(Optional.of("stream error policy-violation"), online.lastError());
        assertEquals(4, online.attempts());
    }

    @Test
    void stayingUpStableAfterClearsTheFlapping() {
        SessionStatus status = new SessionStatus();
        status.disconnected("stream error policy-violation", true);
        status.connecting(4);
        status.online(SESSION, false);
        SessionStatus.Snapshot flapping = status.current();
        status.stable();
        SessionStatus.Snapshot stable = status.current();
        assertTrue(stable.ready());
        assertFalse(stable.flapping());
        assertEquals(Optional.empty(), stable.lastError());
        assertEquals(0, stable.attempts());
        assertEquals(flapping.since(), stable.since(), "online since it came online, not since it became stable");
    }

    @Test
    void aStableTimerAfterTheSessionIsGoneChangesNothing() {
        SessionStatus status = new SessionStatus();
        status.disconnected("stream error policy-violation", true);
        status.stable();
        assertTrue(status.current().flapping());
    }
}
