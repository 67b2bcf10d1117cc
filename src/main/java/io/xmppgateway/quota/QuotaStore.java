package io.xmppgateway.quota;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Where the daily counters live. One gateway uses {@link InMemoryQuotaStore}; several replicas share a store, so
 * the check and the increment are one atomic operation of the store.
 */
public interface QuotaStore {

    /**
     * Adds every delta to that day's counters if none would pass its cap; otherwise changes nothing.
     *
     * @param day    the quota day
     * @param deltas how much each meter grows by
     * @param caps   the daily cap of each capped meter
     * @return empty when consumed, else the first meter that would pass its cap
     */
    Optional<Meter> tryConsume(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps);

    /** That day's counters (absent meters are 0). */
    Map<Meter, Long> usage(LocalDate day);
}
