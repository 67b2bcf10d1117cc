package io.xmppgateway.quota;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The counters of one process, for a single gateway. Lock-free: each consumption swaps in a new immutable day
 * snapshot, so concurrent requests never half-apply. A new day starts from zero; earlier days are forgotten.
 */
@ApplicationScoped
public class InMemoryQuotaStore implements QuotaStore {

    private record Day(LocalDate date, Map<Meter, Long> used) {
    }

    private final AtomicReference<Day> current = new AtomicReference<>(new Day(LocalDate.MIN, Map.of()));

    @Override
    public Optional<Meter> tryConsume(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps) {
        while (true) {
            Day before = current.get();
            // A request that read the clock just before midnight counts in the day that has begun since.
            LocalDate effective = before.date().isAfter(day) ? before.date() : day;
            Map<Meter, Long> used = before.date().equals(effective) ? before.used() : Map.of();
            EnumMap<Meter, Long> after = new EnumMap<>(Meter.class);
            after.putAll(used);
            for (Map.Entry<Meter, Long> delta : deltas.entrySet()) {
                long total = used.getOrDefault(delta.getKey(), 0L) + delta.getValue();
                Long cap = caps.get(delta.getKey());
                if (cap != null && total > cap) {
                    return Optional.of(delta.getKey());
                }
                after.put(delta.getKey(), total);
            }
            if (current.compareAndSet(before, new Day(effective, Map.copyOf(after)))) {
                return Optional.empty();
            }
        }
    }

    @Override
    public Map<Meter, Long> usage(LocalDate day) {
        Day today = current.get();
        return today.date().equals(day) ? today.used() : Map.of();
    }
}
