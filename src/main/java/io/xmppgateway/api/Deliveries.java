package io.xmppgateway.api;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.SendReceipt;

/**
 * Turns pending sends into per-recipient {@link SendResult}s. When every stanza failed only because the XMPP
 * session is down, the call fails whole with 503 {@code xmpp_unavailable}, so the caller knows to retry it.
 */
final class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** A result row, or a pending send for a recipient. */
    private record Row(String to, SendStatus status, Uni<SendReceipt> send) {
    }

    private final List<Row> rows = new ArrayList<>();

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
                        ? Uni.createFrom().item(new Outcome(new SendResult(row.to(), row.status()), false))
                        : row.send().map(receipt -> new Outcome(new SendResult(row.to(), SendStatus.NO_ERROR), false))
                                .onFailure().recoverWithItem(e -> failed(row.to(), e)))
                .toList();
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(outcomes).andFailFast().map(all -> {
            boolean sent = all.stream().anyMatch(o -> !o.sessionDown() && o.result().status() != SendStatus.INVALID_JID);
            if (!sent && all.stream().anyMatch(Outcome::sessionDown)) {
                throw new ApiException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, "xmpp_unavailable",
                        "the gateway is not connected to its XMPP server; nothing was sent, retry later");
            }
            return all.stream().map(Outcome::result).toList();
        });
    }

    private static Outcome failed(String to, Throwable e) {
        boolean down = e instanceof ReplyException reply && reply.failureCode() == SendFailure.NOT_CONNECTED;
        if (!down) {
            LOG.warnf("Sending to %s failed: %s", to, e.getMessage());
        }
        return new Outcome(new SendResult(to, SendStatus.OTHER_ERROR), down);
    }

    /** One recipient's result, and whether it failed only because no session is up. */
    private record Outcome(SendResult result, boolean sessionDown) {
    }
}
