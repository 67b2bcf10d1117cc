package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

class ReconnectionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final StreamErrorException REDIRECT = new StreamErrorException(StreamErrorCondition.SEE_OTHER_HOST,
            "other.example.org:5223");
    private static final StreamErrorException CONFLICT = new StreamErrorException(StreamErrorCondition.CONFLICT,
            "replaced by a new connection");

    /** Backoff of 1 s doubling to 8 s, no jitter; stable after 60 s; flapping after 3 losses; conflicts wait 5 min. */
    private static Reconnection reconnection() {
        RandomGenerator noJitter = () -> 0L;
        return new Reconnection(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, noJitter),
                Duration.ofSeconds(60), 3, Duration.ofMinutes(5), 5222);
    }

    /** An attempt that logs in and is lost {@code upFor} later; answers the plan for the next one. */
    private static Reconnection.Plan loginThenLoss(Reconnection reconnection, long at, long upFor) {
        reconnection.attempt();
        reconnection.online(at);
        return reconnection.next(null, at + upFor);
    }

    @Test
    void redirectsAreFollowedAtOnceUpToTheBoundThenTheBackoffApplies() {
        Reconnection reconnection = reconnection();
        for (int i = 0; i < Reconnection.MAX_REDIRECTS; i++) {
            assertEquals(Duration.ZERO, reconnection.next(REDIRECT, 0).delay());
            assertEquals(Optional.of(new HostPort("other.example.org", 5223)), reconnection.redirect());
        }
        Reconnection.Plan past = reconnection.next(REDIRECT, 0);
        assertEquals(Duration.ofSeconds(1), past.delay());
        assertEquals(Optional.empty(), reconnection.redirect(), "back to the configured server");
        assertTrue(past.reason().contains("redirects in a row"), past.reason());
        assertEquals(Duration.ofSeconds(2), reconnection.next(REDIRECT, 0).delay(), "and it keeps growing");
    }

    @Test
    void aRedirectAfterEachLoginCountsTheSameAsOneBeforeIt() {
        Reconnection reconnection = reconnection();
        long now = 0;
        for (int i = 0; i < Reconnection.MAX_REDIRECTS; i++) {
            reconnection.online(now);
            now += SECOND / 10;
            assertEquals(Duration.ZERO, reconnection.next(REDIRECT, now).delay());
        }
        reconnection.online(now);
        assertEquals(Duration.ofSeconds(8), reconnection.next(REDIRECT, now + SECOND / 10).delay(),
                "past the bound, the backoff — grown by five sessions lost soon after login (capped at 8 s)");
    }

    @Test
    void aSessionLostSoonAfterLoginBacksOffLikeAFailedAttempt() {
        Reconnection reconnection = reconnection();
        long now = 0;
        Duration[] expected = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(8)};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(i + 1, reconnection.attempt(), "attempts keep counting");
            reconnection.online(now);
            now += 5 * SECOND;
            assertEquals(expected[i], reconnection.next(null, now).delay());
        }
    }

    @Test
    void aStableSessionStartsTheBackoffAndTheAttemptsOver() {
        Reconnection reconnection = reconnection();
        reconnection.attempt();
        reconnection.next(null, 0);
        reconnection.attempt();
        reconnection.next(null, 0);
        reconnection.online(0);
        assertEquals(Duration.ofSeconds(1), reconnection.next(null, 61 * SECOND).delay());
        assertEquals(1, reconnection.attempt());
    }

    @Test
    void aConflictWaitsTheConflictDelay() {
        Reconnection reconnection = reconnection();
        reconnection.online(0);
        Reconnection.Plan plan = reconnection.next(CONFLICT, SECOND);
        assertEquals(Duration.ofMinutes(5), plan.delay());
        assertTrue(plan.reason().contains("conflict"), plan.reason());
    }

    @Test
    void theThirdSessionInARowLostSoonAfterLoginIsFlapping() {
        Reconnection reconnection = reconnection();
        loginThenLoss(reconnection, 0, 5 * SECOND);
        assertFalse(reconnection.flapping(), "one loss is a blip");
        reconnection.attempt();
        reconnection.next(new IllegalStateException("connection refused"), 7 * SECOND);
        assertFalse(reconnection.flapping(), "an attempt that never logged in is no session lost");
        loginThenLoss(reconnection, 10 * SECOND, 5 * SECOND);
        assertFalse(reconnection.flapping(), "two are not yet");
        Reconnection.Plan third = loginThenLoss(reconnection, 20 * SECOND, 5 * SECOND);
        assertTrue(reconnection.flapping());
        assertEquals(3, reconnection.quickLosses());
        assertEquals(Duration.ofSeconds(4), third.delay(),
                "each quick loss doubles the delay; the attempt that failed in between is forgotten once online");
        assertEquals(5, reconnection.attempt(), "attempts since the last stable session");
    }

    @Test
    void aSessionThatStaysUpStableAfterEndsTheFlapping() {
        Reconnection reconnection = reconnection();
        for (int i = 0; i < 4; i++) {
            loginThenLoss(reconnection, i * 10 * SECOND, SECOND);
        }
        assertTrue(reconnection.flapping());
        reconnection.attempt();
        reconnection.online(50 * SECOND);
        assertTrue(reconnection.flapping(), "up again, but not yet for long");
        reconnection.stable();
        assertFalse(reconnection.flapping());
        assertEquals(Duration.ofSeconds(1), reconnection.next(null, 111 * SECOND).delay(), "the backoff starts over");
        assertEquals(1, reconnection.attempt());
        assertFalse(reconnection.flapping(), "a stable session lost is no quick loss");
    }

    @Test
    void aStableSessionLostWithoutTheTimerStillStartsTheCountOver() {
        Reconnection reconnection = reconnection();
        loginThenLoss(reconnection, 0, SECOND);
        loginThenLoss(reconnection, 10 * SECOND, SECOND);
        loginThenLoss(reconnection, 20 * SECOND, 61 * SECOND);
        assertEquals(0, reconnection.quickLosses());
        loginThenLoss(reconnection, 100 * SECOND, SECOND);
        loginThenLoss(reconnection, 110 * SECOND, SECOND);
        assertFalse(reconnection.flapping(), "two blips since the stable session");
    }

    @Test
    void aLossJustAfterTheStableTimerIsNoQuickLoss() {
        Reconnection reconnection = reconnection();
        loginThenLoss(reconnection, 0, SECOND);
        loginThenLoss(reconnection, 10 * SECOND, SECOND);
        reconnection.attempt();
        reconnection.online(20 * SECOND);
        reconnection.stable(); // the timer may fire a hair before the nanoTime clock reaches stable-after
        reconnection.next(null, 20 * SECOND + 60 * SECOND - 1);
        assertEquals(0, reconnection.quickLosses());
    }

    @Test
    void aServerRestartedTwiceInAMinuteIsNotPunishedForHowLongItTookTheFirstTime() {
        Reconnection reconnection = reconnection();
        reconnection.online(0);
        reconnection.next(null, 120 * SECOND); // a stable session lost: the server restarts
        for (int i = 0; i < 3; i++) {
            reconnection.next(new IllegalStateException("connection refused"), 121 * SECOND); // 1, 2, 4 s
        }
        reconnection.online(130 * SECOND);
        assertEquals(Duration.ofSeconds(1), reconnection.next(null, 150 * SECOND).delay(),
                "one session lost soon after login: the first delay again, not the outage's 8 s");
    }
}
