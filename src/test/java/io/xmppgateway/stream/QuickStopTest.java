package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A session with nothing left to drain stops at once, not after {@code xmpp.sm.shutdown-drain}: the answer to the
 * shutdown's last ping is itself counted as handled, so the wait for what was read to be handed back ends with it.
 * (It did not: every stop took the whole drain, and a component's lease was released that much later.)
 */
class QuickStopTest {

    private static final Map<String, String> DRAIN = Map.of("xmpp.sm.shutdown-drain", "3s");

    @Test
    void aClientSessionStopsWellWithinTheDrain() throws Exception {
        assertQuickStop(new SessionHarness(DRAIN));
    }

    @Test
    void aComponentSessionStopsWellWithinTheDrain() throws Exception {
        assertQuickStop(SessionHarness.component(Prosody.shared(), DRAIN));
    }

    private static void assertQuickStop(SessionHarness session) {
        session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
        long start = System.nanoTime();
        session.close();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 1500, "stopped in " + millis + " ms; xmpp.sm.shutdown-drain is 3 s");
    }
}
