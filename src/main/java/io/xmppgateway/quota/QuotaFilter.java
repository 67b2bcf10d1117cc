package io.xmppgateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.OutboundStanzas;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.store.StoreUnavailableException;

/**
 * The one limit and quota filter. Every stanza the gateway sends on a caller's behalf passes {@link #send}: each is
 * measured as serialized UTF-8 against the message size limit, then the whole request's usage — API call, bytes
 * sent, recipients, invitations — is taken from the daily quotas in one atomic step of the {@link QuotaStore}. A
 * request that would pass a limit is refused whole: nothing of it is sent.
 *
 * <p>The counters live in the shared store, which may be out of reach ({@code gateway.store=redis}). A request that
 * counts toward a capped meter waits for the store, and is refused when it cannot be asked
 * ({@link StoreUnavailableException}): a cap is never passed. A request that only counts — no cap applies to what
 * it uses — does not wait: its usage is added on the side, and lost if the store is down.
 */
@ApplicationScoped
public class QuotaFilter {

    private static final Logger LOG = Logger.getLogger(QuotaFilter.class);

    @Inject
    QuotaStore store;

    @Inject
    Clock clock;

    @Inject
    GatewayConfig config;

    @Inject
    OutboundStanzas outbound;

    /** That day's counters as the store last answered them, for the gauges. */
    private record Snapshot(LocalDate day, Map<Meter, Long> used) {
    }

    private volatile Snapshot last = new Snapshot(LocalDate.MIN, Map.of());
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * Admits the stanzas and sends them.
     *
     * @param stanzas the stanzas of one request
     * @param usage   what the request counts besides the bytes sent, which are added here
     * @return one pending send per stanza, in order, once admitted; or fails with {@link MessageTooLargeException}
     *         (a stanza is over {@code gateway.limits.message-bytes}), {@link QuotaExceededException} (a daily cap
     *         would be passed) or {@link StoreUnavailableException} (a capped meter cannot be counted)
     */
    public Uni<List<Uni<SendReceipt>>> send(List<OutboundStanza> stanzas, Map<Meter, Long> usage) {
        return Uni.createFrom().deferred(() -> {
            long bytes = 0;
            for (OutboundStanza stanza : stanzas) {
                checkSize(stanza.wireBytes());
                bytes += stanza.wireBytes();
            }
            Map<Meter, Long> total = new EnumMap<>(Meter.class);
            total.putAll(usage);
            if (bytes > 0) {
                total.merge(Meter.DATA_SENT, bytes, Long::sum);
            }
            return consume(total).map(admitted -> {
                List<Uni<SendReceipt>> sends = new ArrayList<>(stanzas.size());
                for (OutboundStanza stanza : stanzas) {
                    sends.add(outbound.send(stanza));
                }
                return sends;
            });
        });
    }

    /**
     * Counts usage that sends nothing, such as a presence query.
     *
     * @return done once admitted; or fails with {@link QuotaExceededException} or {@link StoreUnavailableException}
     */
    public Uni<Void> consume(Map<Meter, Long> usage) {
        return Uni.createFrom().deferred(() -> {
            if (usage.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LocalDate today = today();
            Map<Meter, Long> caps = caps();
            Uni<QuotaStore.Consumed> counted = store.tryConsume(today, usage, caps, resetsAt(today).toInstant())
                    .invoke(consumed -> {
                        if (consumed.refused().isEmpty()) {
                            last = new Snapshot(today, consumed.used());
                        }
                    });
            if (usage.keySet().stream().noneMatch(caps::containsKey)) {
                counted.subscribe().with(consumed -> { }, failure ->
                        LOG.debugf("Usage not counted (no cap applies): %s", failure.getMessage()));
                return Uni.createFrom().voidItem();
            }
            return counted.map(consumed -> {
                consumed.refused().ifPresent(meter -> {
                    throw new QuotaExceededException(meter, caps.get(meter), untilReset(today));
                });
                return null;
            });
        });
    }

    /** Refuses a stanza over the message size limit. */
    public void checkSize(long wireBytes) {
        long limit = config.limits().messageBytes();
        if (wireBytes > limit) {
            throw new MessageTooLargeException(wireBytes, limit);
        }
    }

    /** Every meter today, as the store has it. */
    public Uni<List<QuotaStatus>> status() {
        LocalDate today = today();
        return store.usage(today).map(used -> {
            last = new Snapshot(today, used);
            return status(today, used);
        });
    }

    /**
     * Every meter today as the store last answered, without waiting: for the gauges, which cannot. Asks the store
     * again on the side, so the next reading is fresh (with the memory store, this one already is).
     */
    public List<QuotaStatus> lastKnownStatus() {
        if (refreshing.compareAndSet(false, true)) {
            status().subscribe().with(fresh -> refreshing.set(false), failure -> refreshing.set(false));
        }
        LocalDate today = today();
        Snapshot snapshot = last;
        return status(today, snapshot.day().equals(today) ? snapshot.used() : Map.of());
    }

    private List<QuotaStatus> status(LocalDate today, Map<Meter, Long> used) {
        Map<Meter, Long> caps = caps();
        ZonedDateTime resetsAt = resetsAt(today);
        List<QuotaStatus> status = new ArrayList<>();
        for (Meter meter : Meter.values()) {
            Long cap = caps.get(meter);
            status.add(new QuotaStatus(meter, used.getOrDefault(meter, 0L),
                    cap == null ? OptionalLong.empty() : OptionalLong.of(cap), resetsAt));
        }
        return status;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone());
    }

    /** The next midnight: a daylight-saving day is 23 or 25 hours long, and {@code atStartOfDay} knows. */
    private ZonedDateTime resetsAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone());
    }

    private Duration untilReset(LocalDate day) {
        Duration left = Duration.between(clock.instant(), resetsAt(day).toInstant());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private ZoneId zone() {
        return config.quota().zone();
    }

    private Map<Meter, Long> caps() {
        GatewayConfig.Quota quota = config.quota();
        Map<Meter, Long> caps = new EnumMap<>(Meter.class);
        quota.apiCallsPerDay().ifPresent(cap -> caps.put(Meter.API_CALLS, cap));
        quota.dataSentBytesPerDay().ifPresent(cap -> caps.put(Meter.DATA_SENT, cap));
        quota.recipientsMessagedPerDay().ifPresent(cap -> caps.put(Meter.RECIPIENTS_MESSAGED, cap));
        quota.invitationsPerDay().ifPresent(cap -> caps.put(Meter.INVITATIONS, cap));
        return caps;
    }
}
