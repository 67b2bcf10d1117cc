package io.xmppgateway.quota;

import java.time.Duration;

/** A request would pass a daily cap; nothing of it was sent. */
public class QuotaExceededException extends RuntimeException {

    private final Meter meter;
    private final long limit;
    private final Duration retryAfter;

    public QuotaExceededException(Meter meter, long limit, Duration retryAfter) {
        super("daily quota '" + meter.apiName() + "' of " + limit + " would be exceeded; it resets in "
                + retryAfter.toSeconds() + " s");
        this.meter = meter;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Meter meter() {
        return meter;
    }

    public long limit() {
        return limit;
    }

    /** Time until the counters reset. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
