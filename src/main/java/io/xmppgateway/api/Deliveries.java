package io.xmppgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.InvalidXmlException;
import io.xmppgateway.stanza.Stanza;

/**
 * Turns pending sends into per-recipient {@link SendResult}s. When nothing went out and the failure is one to retry
 * — the session is down or overloaded (503), or the server did not acknowledge in time (504) — the call fails
 * whole, so the caller retries it.
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
        List<Uni<SendReceipt>> sends = quota.send(stanzas.stream().map(Deliveries::serialize).toList(), usage);
        Deliveries deliveries = new Deliveries();
        deliveries.pending(to, Uni.join().all(sends).andFailFast().map(receipts -> receipts.get(0)));
        return deliveries.results().map(results -> results.get(0));
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
        ApiException retry = null;
        if (e instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureCode() == SendFailure.TIMED_OUT) {
                retry = new ApiException(Response.Status.GATEWAY_TIMEOUT, "send_timeout", "the XMPP server did not "
                        + "acknowledge the stanza within gateway.send-timeout; it may or may not have arrived: retry "
                        + "with the same Idempotency-Key");
            } else if (reply.failureCode() == SendFailure.NOT_CONNECTED
                    || reply.failureType() == ReplyFailure.NO_HANDLERS) {
                retry = new ApiException(Response.Status.SERVICE_UNAVAILABLE, "xmpp_unavailable",
                        "the gateway is not connected to its XMPP server; nothing was sent, retry later");
            } else if (reply.failureCode() == SendFailure.QUEUE_FULL) {
                retry = new ApiException(Response.Status.SERVICE_UNAVAILABLE, "queue_full",
                        "too many stanzas are waiting for the XMPP server; nothing was sent, retry later");
            }
        }
        if (retry == null) {
            LOG.warnf("Sending to %s failed: %s", to, e.getMessage());
        }
        return new Outcome(new SendResult(to, SendStatus.OTHER_ERROR), retry);
    }

    /** One recipient's result, and the error to fail the whole call with if nothing else went out. */
    private record Outcome(SendResult result, ApiException retry) {
    }
}
