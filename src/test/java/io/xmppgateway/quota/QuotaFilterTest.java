package io.xmppgateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.store.SharedStore;
import io.xmppgateway.store.StoreUnavailableException;
import io.xmppgateway.testing.TestConfigs;
import io.xmppgateway.testing.UnreachableStore;

/**
 * Retry-After is the time to the next midnight in the quota zone, on 23- and 25-hour days too; a store out of reach
 * refuses what counts toward a cap, and nothing else.
 */
class QuotaFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-21T23:00:00Z");

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
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        QuotaFilter filter = filter(zone, clock, new MemoryStore(clock, 100, 1 << 20));
        filter.consume(Map.of(Meter.INVITATIONS, 1L)).await().indefinitely();
        QuotaExceededException e = assertThrows(QuotaExceededException.class,
                () -> filter.consume(Map.of(Meter.INVITATIONS, 1L)).await().indefinitely());
        assertEquals(expected, e.retryAfter());
        assertEquals(Meter.INVITATIONS, e.meter());
    }

    @Test
    void aCappedMeterIsNeverCountedWithoutTheStore() {
        QuotaFilter filter = filter("UTC", Clock.fixed(NOW, ZoneOffset.UTC), new UnreachableStore());
        assertThrows(StoreUnavailableException.class,
                () -> filter.consume(Map.of(Meter.API_CALLS, 1L, Meter.INVITATIONS, 1L)).await().indefinitely());
    }

    @Test
    void whatNoCapAppliesToGoesOnWithoutTheStore() {
        QuotaFilter filter = filter("UTC", Clock.fixed(NOW, ZoneOffset.UTC), new UnreachableStore());
        filter.consume(Map.of(Meter.API_CALLS, 1L, Meter.DATA_SENT, 500L)).await().indefinitely();
    }

    @Test
    void theGaugesSeeWhatTheStoreCounted() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        QuotaFilter filter = filter("UTC", clock, new MemoryStore(clock, 100, 1 << 20));
        filter.consume(Map.of(Meter.API_CALLS, 2L)).await().indefinitely();
        assertEquals(2L, filter.lastKnownStatus().stream().filter(status -> status.meter() == Meter.API_CALLS)
                .findFirst().orElseThrow().used());
    }

    private static QuotaFilter filter(String zone, Clock clock, SharedStore store) {
        QuotaFilter filter = new QuotaFilter();
        filter.store = new QuotaStore(store);
        filter.clock = clock;
        filter.config = TestConfigs.mapping(GatewayConfig.class, Map.of("gateway.quota.zone", zone,
                "gateway.quota.invitations-per-day", "1"));
        return filter;
    }
}
