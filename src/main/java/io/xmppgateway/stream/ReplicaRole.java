package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;

/**
 * Plays this replica's part among several of one account, each bound to a resource of its own (RFC 6121 §8.5.2.1.1:
 * the server routes a message for the bare JID only to the available resources of highest non-negative priority):
 * <ul>
 * <li><b>active</b> — holds the lease ({@link ActiveReplica}), announces priority 0, handles presence and
 * subscriptions, records its stream for a takeover, and acknowledges nothing the record does not cover;</li>
 * <li><b>standby</b> — announces priority {@value #STANDBY_PRIORITY}, so nothing for the bare JID reaches it, and
 * claims the lease every third of its time to live.</li>
 * </ul>
 * Becoming active takes over the stream the previous active replica recorded, if it is not this one's
 * ({@link Takeover}): the server held there what came for the bare JID since that replica died. Once that stream is
 * resumed (or there is none), this replica announces presence anew — unavailable, then available: an initial
 * presence, on which servers deliver what they stored while no replica was available at priority 0. Until the
 * resumed stream is made unavailable both get messages for the bare JID; the dispatcher drops the second copy.
 * Shutdown hands over: the record and the lease are released, and once a standby holds the lease (or after
 * {@code xmpp.lease.ttl}) the priority goes down — a moment with two replicas at priority 0 rather than one with
 * none, in which the server would store messages offline (ejabberd keeps 100 per user by default). Every replica
 * sends, whatever its role.
 *
 * <p>Lives on the session's event loop.
 */
final class ReplicaRole {

    private static final Logger LOG = Logger.getLogger(ReplicaRole.class);

    /** Below zero: the server never routes a message for the bare JID here. */
    static final int STANDBY_PRIORITY = -1;

    /** How often a replica handing over looks whether a standby took the lease. */
    private static final long SUCCESSOR_POLL_MILLIS = 100;

    /** How long a replica handing over stays at priority 0 once a standby took the lease: its announcement's time. */
    private static final long SUCCESSOR_ANNOUNCE_MILLIS = 1000;

    /** The session's current stream, as a takeover would resume it. */
    interface Stream {
        /** Whether the session is online. */
        boolean online();

        /** Its XEP-0198 id, if the server lets it be resumed. */
        Optional<String> resumeId();

        Optional<String> location();

        /** The stanzas handled on it so far (its {@code h}). */
        long handled();
    }

    private final Vertx vertx;
    private final ActiveReplica replica;
    private final Takeover takeover;
    private final SessionStatus status;
    private final Stream stream;
    private final Consumer<Element> writeOwn;
    private final String resource;
    private final Duration leaseTtl;
    private long timer = -1;
    private boolean active;
    private boolean announced;
    private boolean claiming;
    private boolean stopped;

    ReplicaRole(Vertx vertx, ActiveReplica replica, Takeover takeover, SessionStatus status, Stream stream,
                Consumer<Element> writeOwn, String resource, Duration leaseTtl) {
        this.vertx = vertx;
        this.replica = replica;
        this.takeover = takeover;
        this.status = status;
        this.stream = stream;
        this.writeOwn = writeOwn;
        this.resource = resource;
        this.leaseTtl = leaseTtl;
    }

    void start() {
        if (!replica.shared()) {
            // A store of this process's own: no other replica can exist, this one is active from its first presence.
            active = true;
            announced = true;
        }
        status.role(active, Optional.empty());
        timer = vertx.setPeriodic(Math.max(1, leaseTtl.toMillis() / 3), id -> claim());
    }

    /** Whether this replica is the active one now. */
    boolean active() {
        return active;
    }

    /** The presence that opens a new session: the role's priority. */
    Element initialPresence() {
        return presence(active);
    }

    /**
     * A session is online: a new one ({@code resumed} false) is the stream to record if this replica is active; and
     * the lease is claimed now rather than at the next tick.
     */
    void online(boolean resumed) {
        if (active && !resumed) {
            announced = true; // its initial presence had priority 0
            recordStream();
        }
        announce(); // became active while offline, and resumed a stream that announced priority -1
        claim();
    }

    /** The {@code h} to acknowledge for {@code handled} stanzas, once a takeover would not get them again. */
    Future<Long> covering(long handled) {
        return replica.covering(handled);
    }

    /**
     * Shutdown: if active among replicas, releases the record (nobody is to resume this stream) and the lease, and
     * once another replica holds it — or after {@code xmpp.lease.ttl} — lowers the priority so that the server
     * routes nothing more here. Whatever arrives meanwhile is handled here as usual. Alone, there is nobody to hand
     * over to: what comes while it drains is still handled here.
     */
    Future<Void> handOver() {
        stopped = true;
        vertx.cancelTimer(timer);
        if (!active || !replica.shared()) {
            return Future.succeededFuture();
        }
        active = false;
        status.role(false, Optional.empty());
        LOG.info("Handing over: this replica is no longer the active one");
        return replica.forget().eventually(replica::release)
                .eventually(() -> successor(System.nanoTime() + leaseTtl.toNanos()))
                .otherwise((Void) null)
                .onComplete(done -> {
                    if (stream.online()) {
                        writeOwn.accept(presence(false));
                    }
                });
    }

    /**
     * Completes once another replica holds the lease and has had {@value #SUCCESSOR_ANNOUNCE_MILLIS} ms to announce
     * itself, or at {@code deadline}. Its announcement starts with an unavailable presence (a new initial presence):
     * were this replica's priority already down then, a message routed in that instant would go to offline storage,
     * which the successor's presence an instant later can miss (seen with ejabberd). Meanwhile both may get a
     * message: a copy with the same {@code webhook-id}, rather than a loss.
     */
    private Future<Void> successor(long deadline) {
        return replica.heldElsewhere().otherwise(false).compose(taken -> {
            if (System.nanoTime() >= deadline) {
                return Future.succeededFuture();
            }
            Promise<Void> later = Promise.promise();
            if (taken) {
                vertx.setTimer(SUCCESSOR_ANNOUNCE_MILLIS, id -> later.complete());
            } else {
                vertx.setTimer(SUCCESSOR_POLL_MILLIS, id -> successor(deadline).onComplete(later));
            }
            return later.future();
        });
    }

    private void claim() {
        if (claiming || stopped || !stream.online()) {
            return; // offline, the lease is not renewed: a standby takes over once it expires
        }
        claiming = true;
        replica.claim().onComplete(claimed -> {
            claiming = false;
            boolean holds = claimed.succeeded() && claimed.result();
            if (stopped || !stream.online()) {
                return;
            }
            if (holds && !active) {
                becomeActive();
            } else if (!holds && active) {
                becomeStandby();
            }
            status.role(active, replica.holder());
        });
    }

    private void becomeActive() {
        active = true;
        LOG.infof("Active replica: %s receives what is sent to the bare JID", resource);
        replica.recordedStream()
                .compose(previous -> previous.filter(other -> !other.resource().equals(resource))
                        .map(other -> takeover.resume(other, this::announce)).orElse(Future.succeededFuture(0L)))
                .onFailure(failure -> LOG.warnf("The previous active replica's stream could not be taken over: %s. "
                        + "What the server held for it goes back to its senders as errors when the server drops "
                        + "the session", failure.getMessage()))
                .onComplete(done -> {
                    announce();
                    if (active) {
                        recordStream();
                    }
                });
    }

    /** Unavailable, then available at priority 0: a new initial presence (once per activation). */
    private void announce() {
        if (active && !announced && stream.online()) {
            announced = true;
            writeOwn.accept(Presence.builder().type(PresenceType.UNAVAILABLE).build().element());
            writeOwn.accept(presence(true));
        }
    }

    private void becomeStandby() {
        active = false;
        announced = false;
        LOG.warnf("Standing by: %s holds the lease of the active replica",
                replica.holder().orElse("another replica"));
        replica.forget();
        writeOwn.accept(presence(false));
    }

    private void recordStream() {
        if (replica.shared() && stream.online()) { // else nobody could take it over
            stream.resumeId().ifPresent(id -> replica.record(id, stream.location(), stream.handled()));
        }
    }

    private static Element presence(boolean active) {
        return Presence.builder().priority(active ? null : STANDBY_PRIORITY).build().element();
    }
}
