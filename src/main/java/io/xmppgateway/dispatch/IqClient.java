package io.xmppgateway.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailedException;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.handler.IqErrorException;
import io.xmppgateway.handler.IqTimeoutException;
import io.xmppgateway.handler.XmppException;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.StanzaIds;

/**
 * Sends IQ requests and waits for their answers, like slixmpp's {@code iq.send()} (seed 000): a result completes the
 * {@link Uni}, an error fails it with {@link IqErrorException}, silence with {@link IqTimeoutException} after
 * {@code xmpp.response-timeout} (30 s) or the per-call timeout. Both are {@link XmppException}s.
 *
 * <p>The timeout is the IQ's one deadline, and the session owns it until the IQ is out: an IQ not sent by then — no
 * session came up — fails with the session's {@link SendFailedException} ({@link SendFailure#NOT_SENT}, …) and is
 * never sent later; only an IQ that went out and got no answer in time is an {@link IqTimeoutException}.
 *
 * <p>An answer counts only if it comes from the JID the request went to (RFC 6120 §8.1.2.1); a spoofed one from
 * elsewhere is ignored, and one after the timeout is dropped. At most {@code xmpp.iq.max-pending} requests wait at
 * once; more fail at once ({@link SendFailure#QUEUE_FULL}).
 */
@ApplicationScoped
public class IqClient {

    private static final Logger LOG = Logger.getLogger(IqClient.class);

    /** A request waiting for its answer; the timer runs only once it went out. */
    private static final class Pending {
        final Optional<Jid> to;
        final Promise<Iq> answer = Promise.promise();
        volatile long timer = -1;

        Pending(Optional<Jid> to) {
            this.to = to;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    XmppConfig config;

    @Inject
    QuotaFilter quota;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** Sends a get or set and answers its result, with the default timeout. */
    public Uni<Iq> send(Iq request) {
        return send(request, config.responseTimeout());
    }

    /** Sends a get or set and answers its result, waiting at most {@code timeout}. */
    public Uni<Iq> send(Iq request, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            if (request.type().map(type -> !type.isRequest()).orElse(true)) {
                return Uni.createFrom().failure(new IllegalArgumentException("only get and set IQs are requests"));
            }
            if (pending.size() >= config.iq().maxPending()) {
                return Uni.createFrom().failure(new SendFailedException(SendFailure.QUEUE_FULL, pending.size()
                        + " IQs are already waiting for an answer (xmpp.iq.max-pending)"));
            }
            String id = request.id().orElseGet(StanzaIds::next);
            Iq stamped = request.id().isPresent() ? request
                    : new Iq(request.element().toBuilder().attribute("id", id).build());
            long deadline = System.nanoTime() + timeout.toNanos();
            Pending waiting = new Pending(stamped.to());
            if (pending.putIfAbsent(id, waiting) != null) {
                return Uni.createFrom().failure(new IllegalArgumentException("an IQ with id " + id
                        + " is already waiting for its answer"));
            }
            try {
                quota.send(List.of(OutboundStanza.of(stamped).withDeadline(deadline)), Map.of())
                        .chain(sends -> sends.get(0))
                        .subscribe().with(
                                receipt -> sent(id, waiting, deadline, timeout),
                                failure -> fail(id, waiting, notSent(id, timeout, failure)));
            } catch (RuntimeException e) {
                fail(id, waiting, e);
            }
            return Uni.createFrom().completionStage(waiting.answer.future().toCompletionStage());
        });
    }

    /** The IQ is out (the server has it): silence until its deadline is now an {@link IqTimeoutException}. */
    private void sent(String id, Pending waiting, long deadline, Duration timeout) {
        if (pending.get(id) != waiting) {
            return; // answered already
        }
        long millis = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
        waiting.timer = vertx.setTimer(millis, t -> {
            if (pending.remove(id, waiting)) {
                waiting.answer.tryFail(new IqTimeoutException(id, timeout));
            }
        });
    }

    /**
     * The session failed the send. {@link SendFailure#TIMED_OUT} means it was written and neither acknowledged nor
     * answered by the deadline: for an IQ, a timeout. Anything else means it is not out, and stays the send's failure.
     */
    private static Throwable notSent(String id, Duration timeout, Throwable failure) {
        if (failure instanceof SendFailedException failed && failed.failure() == SendFailure.TIMED_OUT) {
            return new IqTimeoutException(id, timeout);
        }
        return failure;
    }

    /**
     * An inbound result or error: completes the request it answers, if it came from where the request went.
     * {@code self} is who the gateway is (its JID; a component's domain) and {@code server} the server's domain, both
     * of which the server answers for without a {@code from}.
     */
    void answer(Iq response, Jid self, Jid server) {
        String id = response.id().orElse(null);
        Pending waiting = id == null ? null : pending.get(id);
        if (waiting == null) {
            LOG.debugf("Dropping an IQ %s with no request waiting for it (id %s)", response.type(), id);
            return;
        }
        if (!fromAddressee(response.from(), waiting.to, self, server)) {
            LOG.warnf("Ignoring a spoofed IQ answer to %s: it came from %s, the request went to %s", id,
                    response.from().map(Jid::toString).orElse("(no from)"),
                    waiting.to.map(Jid::toString).orElse("(the server)"));
            return;
        }
        if (!pending.remove(id, waiting)) {
            return;
        }
        vertx.cancelTimer(waiting.timer);
        if (response.type().orElse(IqType.ERROR) == IqType.RESULT) {
            waiting.answer.tryComplete(response);
        } else {
            waiting.answer.tryFail(new IqErrorException(response));
        }
    }

    /** RFC 6120 §10.1.4: the server answers for the account's bare JID and itself without a 'from'. */
    private static boolean fromAddressee(Optional<Jid> from, Optional<Jid> to, Jid self, Jid server) {
        if (from.equals(to)) {
            return true;
        }
        boolean toServerOrSelf = to.isEmpty() || to.get().equals(self.bare()) || to.get().equals(server);
        boolean fromServerOrSelf = from.isEmpty() || from.get().equals(self.bare()) || from.get().equals(server)
                || from.get().equals(self);
        return toServerOrSelf && fromServerOrSelf;
    }

    /** Fails this request, if it still waits: a later request that reused its id is left alone. */
    private void fail(String id, Pending waiting, Throwable cause) {
        if (pending.remove(id, waiting)) {
            vertx.cancelTimer(waiting.timer);
            waiting.answer.tryFail(cause);
        }
    }
}
