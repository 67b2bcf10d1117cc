package io.xmppgateway.stream;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnection attempts: exponential from {@code initial}, capped at {@code max}, with a random
 * {@code jitter} fraction taken off each delay so that many gateways do not reconnect in step.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration max, double multiplier, double jitter, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, failures));
        failures++;
        return Duration.ofMillis(Math.round(base * (1 - jitter * random.nextDouble())));
    }

    /** The next failure starts from {@code initial}. */
    public void reset() {
        failures = 0;
    }

    /** The next delay is the one after {@code failures} failures in a row. */
    public void reset(int failures) {
        this.failures = failures;
    }
}
