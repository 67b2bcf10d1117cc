package io.xmppgateway.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.SharedStore;

/**
 * The daily counters, in the {@link SharedStore} so that every replica counts against the same caps: one set of
 * counters per quota day ({@code quota:2026-11-21}, a counter per {@link Meter#apiName()}), dropped at the next
 * midnight. A request's usage is checked against the caps and added in one atomic step of the store.
 */
@ApplicationScoped
public class QuotaStore {

    static final String PREFIX = "quota:";

    private final SharedStore store;

    @Inject
    public QuotaStore(SharedStore store) {
        this.store = store;
    }

    /**
     * What {@link #tryConsume} did.
     *
     * @param refused the first meter that would have passed its cap (then nothing was counted), or empty
     * @param used    that day's counters after the request, when it was counted
     */
    public record Consumed(Optional<Meter> refused, Map<Meter, Long> used) {
    }

    /**
     * Adds every delta to that day's counters if none would pass its cap; otherwise changes nothing.
     *
     * @param day      the quota day
     * @param deltas   how much each meter grows by
     * @param caps     the daily cap of each capped meter
     * @param resetsAt the day's end (the next midnight in the quota zone), when its counters go
     */
    public Uni<Consumed> tryConsume(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps,
                                    Instant resetsAt) {
        return store.addWithinCaps(key(day), byName(deltas), byName(caps), resetsAt)
                .map(counted -> new Consumed(counted.refused().map(name -> Meter.ofApiName(name).orElseThrow()),
                        byMeter(counted.totals())));
    }

    /** That day's counters (absent meters are 0). */
    public Uni<Map<Meter, Long>> usage(LocalDate day) {
        return store.counters(key(day)).map(QuotaStore::byMeter);
    }

    private static String key(LocalDate day) {
        return PREFIX + day;
    }

    /** In the meters' order, so that the first meter refused is always the same one. */
    private static Map<String, Long> byName(Map<Meter, Long> values) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (Meter meter : Meter.values()) {
            Long value = values.get(meter);
            if (value != null) {
                named.put(meter.apiName(), value);
            }
        }
        return named;
    }

    private static Map<Meter, Long> byMeter(Map<String, Long> named) {
        Map<Meter, Long> values = new EnumMap<>(Meter.class);
        named.forEach((name, value) -> Meter.ofApiName(name).ifPresent(meter -> values.put(meter, value)));
        return values;
    }
}
