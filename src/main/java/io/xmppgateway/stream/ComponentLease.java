package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Which replica holds a component's one connection ({@code xmpp.component.connections=one} with a shared store): a
 * server such as Prosody takes one connection per component domain and refuses a second with {@code conflict}. The
 * replica holding the lease ({@link ActiveReplica}, {@code lease:<domain>}) connects; the others stand by without a
 * connection — not ready, so that a Kubernetes Service sends calls only to the connected pod — and claim the lease
 * every third of its time to live, to connect once they have it.
 * <ul>
 * <li>The holder renews the lease only while its stream is up. A holder whose stream broke connects again only while
 * the lease it no longer renews lasts ({@link ActiveReplica#holds()}): one that cannot reach the server lets another
 * replica take over within {@code xmpp.lease.ttl}.</li>
 * <li>A holder that finds the lease another replica's (it lapsed: a store or process stall) closes its stream.</li>
 * <li>{@code conflict} (the server has a connection for the domain: a replica that lost the lease and has not closed
 * yet, or one the server has not seen die) gives the lease up and waits a time to live before claiming again: the
 * replicas back off rather than take the domain from each other.</li>
 * <li>Shutdown keeps renewing while the stream drains, and gives the lease up once it is closed: a standby connects
 * at its next claim, without a conflict.</li>
 * </ul>
 * Lives on the session's event loop.
 */
final class ComponentLease {

    private static final Logger LOG = Logger.getLogger(ComponentLease.class);

    private final Vertx vertx;
    private final ActiveReplica replica;
    private final SessionStatus status;
    private final String domain;
    private final Duration ttl;
    private long timer = -1;
    private Promise<Void> turn; // a connection waiting for the lease
    private XmppConnection stream; // while online
    private boolean claiming;
    private boolean stopping;
    private boolean standingBy;

    ComponentLease(Vertx vertx, ActiveReplica replica, SessionStatus status, String domain, Duration ttl) {
        this.vertx = vertx;
        this.replica = replica;
        this.status = status;
        this.domain = domain;
        this.ttl = ttl;
    }

    void start() {
        status.role(false, Optional.empty());
        timer = vertx.setPeriodic(Math.max(1, ttl.toMillis() / 3), id -> tick());
    }

    /** Completes once this replica holds the lease, and may connect; never, once stopping. */
    Future<Void> turn() {
        turn = Promise.promise();
        Future<Void> mine = turn.future();
        tick();
        return mine;
    }

    /** The stream is up: the lease is renewed now (it may have lapsed while negotiating), then every tick. */
    void online(XmppConnection c) {
        stream = c;
        tick();
    }

    void streamEnded() {
        stream = null;
    }

    /** The server refused the connection with {@code conflict}: the lease is given up, for a time to live. */
    void conflict() {
        LOG.warnf("Component %s is connected elsewhere: giving up the lease for %s", domain, ttl);
        replica.release().onComplete(released -> status.role(false, Optional.empty()));
    }

    /** Shutdown, before the drain: no connection is made any more; the lease is renewed while the stream drains. */
    void stopping() {
        stopping = true;
        turn = null;
    }

    /** Shutdown, the stream closed: the lease is given up, so that a standby connects at once. */
    Future<Void> release() {
        vertx.cancelTimer(timer);
        return replica.release().onComplete(released -> status.role(false, Optional.empty()));
    }

    private void tick() {
        if (claiming || stream == null && turn == null) {
            return; // offline between two attempts: the lease is not renewed, and lapses unless one succeeds soon
        }
        claiming = true;
        // Online, renewed; offline, held only if it still is (not renewed), else claimed if free.
        Future<Boolean> held = stream != null ? replica.claim() : replica.holds().otherwise(false)
                .compose(mine -> mine ? Future.succeededFuture(true) : replica.claim());
        held.onComplete(result -> {
            claiming = false;
            boolean mine = result.succeeded() && result.result();
            status.role(mine, replica.holder());
            if (stream != null) {
                if (!mine) {
                    LOG.warnf("The lease on component %s is %s's now: closing this replica's connection", domain,
                            replica.holder().orElse("another replica"));
                    stream.close();
                }
            } else if (turn != null && mine) {
                Promise<Void> connect = turn;
                turn = null;
                standingBy = false;
                LOG.infof("This replica holds the lease on component %s: connecting", domain);
                connect.complete();
            } else if (turn != null) {
                standBy();
            }
        });
    }

    private void standBy() {
        if (!standingBy && !stopping) {
            standingBy = true;
            LOG.infof("Standing by: %s holds the lease on component %s's one connection",
                    replica.holder().orElse("another replica"), domain);
        }
        status.standby(replica.holder());
    }
}
