package io.xmppgateway.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.xmppgateway.store.SharedStore;

/**
 * The daily counters, in the {@link SharedStore} so that every replica counts against the same caps: one set of
 * counters per quota day ({@code quota:2026-11-21}, a counter per {@link Meter#apiName()}, and
 * {@code reserved:<meter>} for what replicas hold reserved of it), dropped at the next midnight. A request's usage is checked against the caps and added in one atomic step of the store. With a store
 * that replicas share, most requests are admitted from blocks of the caps this replica reserved there
 * ({@link Reservations}), which it hands back each second when idle and at shutdown.
 */
@ApplicationScoped
public class QuotaStore {

    private static final Logger LOG = Logger.getLogger(QuotaStore.class);

    static final String PREFIX = "quota:";
    /** The counter beside a meter's that says how much of it the replicas hold reserved. */
    static final String RESERVED = "reserved:";
    /** How often usage admitted from blocks is handed to the store, and idle blocks given back. */
    static final Duration TICK = Duration.ofSeconds(1);

    private final SharedStore store;
    /** Only with a shared store, and then {@link Reservations#tick} must run every {@link #TICK}. */
    final Reservations reservations;
    private final Vertx vertx;
    private final long timer;

    /** Every request counted in the store itself: no blocks (a test's second replica, say). */
    public QuotaStore(SharedStore store) {
        this(store, false);
    }

    /** With {@code reserve} and a shared store, blocks whose {@link Reservations#tick} the caller runs. */
    QuotaStore(SharedStore store, boolean reserve) {
        this.store = store;
        this.reservations = reserve && store.shared() ? new Reservations(this::counted) : null;
        this.vertx = null;
        this.timer = -1;
    }

    @Inject
    public QuotaStore(SharedStore store, Vertx vertx) {
        this.store = store;
        this.reservations = store.shared() ? new Reservations(this::counted) : null;
        this.vertx = vertx;
        this.timer = reservations == null ? -1 : vertx.setPeriodic(TICK.toMillis(), id -> reservations.tick());
    }

    /** Gives what this replica holds back to the store before the Redis client closes. */
    void stop(@Observes ShutdownEvent event) {
        if (reservations == null) {
            return;
        }
        vertx.cancelTimer(timer);
        try {
            reservations.close().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("Unspent quota blocks not given back to the store: %s", e.getMessage());
        }
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
        return reservations == null
                ? counted(day, deltas, Map.of(), caps, resetsAt).map(tally -> new Consumed(tally.refused(),
                        unreserved(tally.used(), tally.reserved())))
                : reservations.tryConsume(day, deltas, caps, resetsAt);
    }

    private Uni<Reservations.Tally> counted(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> reserved,
                                            Map<Meter, Long> caps, Instant resetsAt) {
        Map<String, Long> named = byName(deltas, "");
        named.putAll(byName(reserved, RESERVED));
        return store.addWithinCaps(key(day), named, byName(caps, ""), resetsAt)
                .map(counted -> new Reservations.Tally(
                        counted.refused().map(name -> Meter.ofApiName(name).orElseThrow()),
                        byMeter(counted.totals(), ""), byMeter(counted.totals(), RESERVED)));
    }

    /**
     * That day's usage (absent meters are 0): the counters less what replicas hold reserved; with blocks, as this
     * replica sees it ({@link Reservations#adjusted}).
     */
    public Uni<Map<Meter, Long>> usage(LocalDate day) {
        return store.counters(key(day)).map(counters -> {
            Map<Meter, Long> used = byMeter(counters, "");
            Map<Meter, Long> reserved = byMeter(counters, RESERVED);
            return reservations == null ? unreserved(used, reserved) : reservations.adjusted(day, used, reserved);
        });
    }

    /** The counters less what replicas hold reserved of them: usage. */
    static Map<Meter, Long> unreserved(Map<Meter, Long> used, Map<Meter, Long> reserved) {
        Map<Meter, Long> usage = new EnumMap<>(Meter.class);
        usage.putAll(used);
        reserved.forEach((meter, held) -> usage.computeIfPresent(meter, (m, total) -> Math.max(0, total - held)));
        return usage;
    }

    private static String key(LocalDate day) {
        return PREFIX + day;
    }

    /** In the meters' order, so that the first meter refused is always the same one; each name after {@code prefix}. */
    private static Map<String, Long> byName(Map<Meter, Long> values, String prefix) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (Meter meter : Meter.values()) {
            Long value = values.get(meter);
            if (value != null) {
                named.put(prefix + meter.apiName(), value);
            }
        }
        return named;
    }

    /** The counters named {@code prefix} + a meter's name, by meter. */
    private static Map<Meter, Long> byMeter(Map<String, Long> named, String prefix) {
        Map<Meter, Long> values = new EnumMap<>(Meter.class);
        named.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                Meter.ofApiName(name.substring(prefix.length())).ifPresent(meter -> values.put(meter, value));
            }
        });
        return values;
    }
}
