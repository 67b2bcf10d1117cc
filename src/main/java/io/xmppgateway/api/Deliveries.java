package io.xmppgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailedException;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.InvalidXmlException;
import io.xmppgateway.stanza.Stanza;

/**
 * Turns pending sends into per-recipient {@link SendResult}s. When nothing went out and a failure is
 * {@link SendFailure#retryable() one to retry} — the session is down or overloaded (503), or the server did not
 * acknowledge in time (504) — the call fails whole with it, so the caller retries; its status and code come from
 * the failure's row of the outcome table ({@link ApiExceptionMappers#sendFailed}).
 */
final class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** A result row, or a pending send for a recipient. */
    private record Row(String to, SendStatus status, Uni<SendReceipt> send) {
    }

    private final List<Row> rows = new ArrayList<>();

    /**
     * Sends stanzas to one recipient through the quota filter (a presence, an invitation, an approval and its
     * subscribe-back) and answers the recipient's row once all of them went out.
     */
    static Uni<SendResult> toOne(QuotaFilter quota, String to, List<? extends Stanza> stanzas,
                                 Map<Meter, Long> usage) {
        return quota.send(stanzas.stream().map(Deliveries::serialize).toList(), usage).chain(sends -> {
            Deliveries deliveries = new Deliveries();
            deliveries.pending(to, Uni.join().all(sends).andFailFast().map(receipts -> receipts.get(0)));
            return deliveries.results().map(results -> results.get(0));
        });
    }

    /** The stanza's wire form; text XML cannot carry is the caller's error (400). */
    static OutboundStanza serialize(Stanza stanza) {
        try {
            return OutboundStanza.of(stanza);
        } catch (InvalidXmlException e) {
            throw ApiException.badRequest("invalid_characters", "cannot be sent as XML: " + e.getMessage());
        }
    }

    /** A recipient refused before sending (e.g. {@link SendStatus#INVALID_JID}). */
    void refused(String to, SendStatus status) {
        rows.add(new Row(to, status, null));
    }

    void pending(String to, Uni<SendReceipt> send) {
        rows.add(new Row(to, null, send));
    }

    /** The results in the order the recipients were added. */
    Uni<List<SendResult>> results() {
        List<Uni<Outcome>> outcomes = rows.stream()
                .map(row -> row.send() == null
                        ? Uni.createFrom().item(new Outcome(new SendResult(row.to(), row.status()), null))
                        : row.send().map(receipt -> new Outcome(new SendResult(row.to(), SendStatus.NO_ERROR), null))
                                .onFailure().recoverWithItem(e -> failed(row.to(), e)))
                .toList();
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(outcomes).andFailFast().map(all -> {
            if (all.stream().noneMatch(o -> o.retry() == null && o.result().status() == SendStatus.NO_ERROR)) {
                // Nothing went out: a failure the caller should retry fails the call whole.
                all.stream().map(Outcome::retry).filter(java.util.Objects::nonNull).findFirst().ifPresent(retry -> {
                    throw retry;
                });
            }
            return all.stream().map(Outcome::result).toList();
        });
    }

    private static Outcome failed(String to, Throwable e) {
        if (e instanceof SendFailedException failed && failed.failure().retryable()) {
            return new Outcome(new SendResult(to, SendStatus.OTHER_ERROR), failed);
        }
        LOG.warnf("Sending to %s failed: %s", to, e.getMessage());
        return new Outcome(new SendResult(to, SendStatus.OTHER_ERROR), null);
    }

    /** One recipient's result, and the failure to fail the whole call with if nothing else went out. */
    private record Outcome(SendResult result, SendFailedException retry) {
    }
}
