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
 * <p>An answer counts only if it comes from the JID the request went to (RFC 6120 §8.1.2.1); a spoofed one from
 * elsewhere is ignored, and one after the timeout is dropped. At most {@code xmpp.iq.max-pending} requests wait at
 * once; more fail at once.
 */
@ApplicationScoped
public class IqClient {

    private static final Logger LOG = Logger.getLogger(IqClient.class);

    private record Pending(Optional<Jid> to, Promise<Iq> answer, long timer) {
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
                return Uni.createFrom().failure(new XmppException(pending.size()
                        + " IQs are already waiting for an answer (xmpp.iq.max-pending)"));
            }
            String id = request.id().orElseGet(StanzaIds::next);
            Iq stamped = request.id().isPresent() ? request
                    : new Iq(request.element().toBuilder().attribute("id", id).build());
            Promise<Iq> answer = Promise.promise();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), t -> {
                Pending expired = pending.remove(id);
                if (expired != null) {
                    expired.answer().tryFail(new IqTimeoutException(id, timeout));
                }
            });
            if (pending.putIfAbsent(id, new Pending(stamped.to(), answer, timer)) != null) {
                vertx.cancelTimer(timer);
                return Uni.createFrom().failure(new IllegalArgumentException("an IQ with id " + id
                        + " is already waiting for its answer"));
            }
            try {
                quota.send(List.of(OutboundStanza.of(stamped)), Map.of()).get(0).subscribe().with(
                        receipt -> { },
                        failure -> fail(id, new XmppException("the IQ could not be sent: " + failure.getMessage())));
            } catch (RuntimeException e) {
                fail(id, e);
            }
            return Uni.createFrom().completionStage(answer.future().toCompletionStage());
        });
    }

    /** An inbound result or error: completes the request it answers, if it came from where the request went. */
    void answer(Iq response, Jid ownJid) {
        String id = response.id().orElse(null);
        Pending waiting = id == null ? null : pending.get(id);
        if (waiting == null) {
            LOG.debugf("Dropping an IQ %s with no request waiting for it (id %s)", response.type(), id);
            return;
        }
        if (!fromAddressee(response.from(), waiting.to(), ownJid)) {
            LOG.warnf("Ignoring a spoofed IQ answer to %s: it came from %s, the request went to %s", id,
                    response.from().map(Jid::toString).orElse("(no from)"),
                    waiting.to().map(Jid::toString).orElse("(the server)"));
            return;
        }
        if (!pending.remove(id, waiting)) {
            return;
        }
        vertx.cancelTimer(waiting.timer());
        if (response.type().orElse(IqType.ERROR) == IqType.RESULT) {
            waiting.answer().tryComplete(response);
        } else {
            waiting.answer().tryFail(new IqErrorException(response));
        }
    }

    /** RFC 6120 §10.1.4: the server answers for the account's bare JID and itself without a 'from'. */
    private static boolean fromAddressee(Optional<Jid> from, Optional<Jid> to, Jid ownJid) {
        if (from.equals(to)) {
            return true;
        }
        Jid server = Jid.of(ownJid.domain());
        boolean toServerOrSelf = to.isEmpty() || to.get().equals(ownJid.bare()) || to.get().equals(server);
        boolean fromServerOrSelf = from.isEmpty() || from.get().equals(ownJid.bare()) || from.get().equals(server)
                || from.get().equals(ownJid);
        return toServerOrSelf && fromServerOrSelf;
    }

    private void fail(String id, Throwable cause) {
        Pending failed = pending.remove(id);
        if (failed != null) {
            vertx.cancelTimer(failed.timer());
            failed.answer().tryFail(cause);
        }
    }
}
