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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.OutboundStanzas;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.config.GatewayConfig;

/**
 * The one limit and quota filter. Every stanza the gateway sends on a caller's behalf passes {@link #send}: each is
 * measured as serialized UTF-8 against the message size limit, then the whole request's usage — API call, bytes
 * sent, recipients, invitations — is taken from the daily quotas in one atomic step of the {@link QuotaStore}. A
 * request that would pass a limit is refused whole: nothing of it is sent.
 */
@ApplicationScoped
public class QuotaFilter {

    @Inject
    QuotaStore store;

    @Inject
    Clock clock;

    @Inject
    GatewayConfig config;

    @Inject
    OutboundStanzas outbound;

    /**
     * Admits the stanzas and sends them.
     *
     * @param stanzas the stanzas of one request
     * @param usage   what the request counts besides the bytes sent, which are added here
     * @return one pending send per stanza, in order
     * @throws MessageTooLargeException a stanza is over {@code gateway.limits.message-bytes}
     * @throws QuotaExceededException   a daily cap would be passed
     */
    public List<Uni<SendReceipt>> send(List<OutboundStanza> stanzas, Map<Meter, Long> usage) {
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
        consume(total);
        List<Uni<SendReceipt>> sends = new ArrayList<>(stanzas.size());
        for (OutboundStanza stanza : stanzas) {
            sends.add(outbound.send(stanza));
        }
        return sends;
    }

    /** Counts usage that sends nothing, such as a presence query. */
    public void consume(Map<Meter, Long> usage) {
        LocalDate today = today();
        store.tryConsume(today, usage, caps()).ifPresent(meter -> {
            throw new QuotaExceededException(meter, caps().get(meter), untilReset(today));
        });
    }

    /** Refuses a stanza over the message size limit. */
    public void checkSize(long wireBytes) {
        long limit = config.limits().messageBytes();
        if (wireBytes > limit) {
            throw new MessageTooLargeException(wireBytes, limit);
        }
    }

    /** Every meter today. */
    public List<QuotaStatus> status() {
        LocalDate today = today();
        Map<Meter, Long> used = store.usage(today);
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
