package io.xmppgateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.testing.TestConfigs;

/** Retry-After is the time to the next midnight in the quota zone, on 23- and 25-hour days too. */
class QuotaFilterTest {

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            "UTC, 2026-11-21T23:00:00Z, PT1H",
            "UTC, 2026-11-21T00:00:00Z, PT24H",
            // US daylight saving starts 2026-03-08: that day in Los Angeles is 23 hours long.
            "America/Los_Angeles, 2026-03-08T08:00:00Z, PT23H",
            // and ends 2026-11-01: that day is 25 hours long.
            "America/Los_Angeles, 2026-11-01T07:00:00Z, PT25H",
            "Europe/Berlin, 2026-03-28T22:30:00Z, PT30M", "Europe/Berlin, 2026-03-29T22:30:00Z, PT23H30M"})
    void retryAfterIsTheTimeToTheNextMidnight(String zone, Instant now, Duration expected) {
        QuotaFilter filter = filter(zone, now);
        filter.consume(Map.of(Meter.INVITATIONS, 1L));
        QuotaExceededException e = assertThrows(QuotaExceededException.class,
                () -> filter.consume(Map.of(Meter.INVITATIONS, 1L)));
        assertEquals(expected, e.retryAfter());
        assertEquals(Meter.INVITATIONS, e.meter());
    }

    private static QuotaFilter filter(String zone, Instant now) {
        QuotaFilter filter = new QuotaFilter();
        filter.store = new InMemoryQuotaStore();
        filter.clock = Clock.fixed(now, ZoneOffset.UTC);
        filter.config = TestConfigs.mapping(GatewayConfig.class, Map.of("gateway.quota.zone", zone,
                "gateway.quota.invitations-per-day", "1"));
        return filter;
    }
}
