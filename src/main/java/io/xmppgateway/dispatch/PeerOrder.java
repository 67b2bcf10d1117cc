package io.xmppgateway.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.vertx.core.Future;

/**
 * Runs the work for each peer one after another, in arrival order, while different peers proceed in parallel.
 * Used from one event loop only, so it needs no locking.
 *
 * <p>It keeps one entry per peer with work in flight — the future of its last submission — and drops it when that
 * work completes: an idle peer costs nothing, so 100,000 senders over an hour hold only those mid-stanza (at most
 * {@code xmpp.max-unhandled}, since the session stops reading there).
 */
final class PeerOrder {

    private final Map<String, Future<Void>> tails = new HashMap<>();

    /**
     * Starts {@code work} once everything submitted earlier for {@code peer} has finished, whether it succeeded or
     * not. Answers the work's own outcome: a throw from it is its failure, for the caller to report.
     */
    Future<Void> submit(String peer, Supplier<Future<Void>> work) {
        Future<Void> previous = tails.get(peer);
        Future<Void> next = previous == null ? start(work) : previous.transform(done -> start(work));
        tails.put(peer, next);
        next.onComplete(done -> tails.remove(peer, next));
        return next;
    }

    /** Peers with work in flight (for tests). */
    int peers() {
        return tails.size();
    }

    private static Future<Void> start(Supplier<Future<Void>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
