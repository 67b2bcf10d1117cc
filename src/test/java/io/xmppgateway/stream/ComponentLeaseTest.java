package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.testing.EventLoop;
import io.xmppgateway.testing.TestClock;

/**
 * Two replicas of a component taking turns on its one connection through one store ({@code
 * xmpp.component.connections=one}): each {@link ComponentLease} stands for a process, ticking every 100 ms; the
 * store's clock is moved past the lease's time to live instead of waiting for it. No stream is opened: a replica
 * whose turn came and that is not online is one whose stream is down.
 */
class ComponentLeaseTest {

    private static final Duration TTL = Duration.ofMillis(300);
    private static final String DOMAIN = "app.example.org";

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final TestClock clock = new TestClock();
    private final MemoryStore store = new MemoryStore(clock, 1000, 1_000_000);
    private final SessionStatus statusA = new SessionStatus();
    private final SessionStatus statusB = new SessionStatus();
    private final ComponentLease a = lease("pod-a", statusA);
    private final ComponentLease b = lease("pod-b", statusB);

    @BeforeEach
    void stopTheStoresClock() {
        clock.set(Instant.parse("2026-12-01T12:00:00Z")); // leases expire when the test moves it
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstToClaimConnectsTheOtherStandsByNamingIt() throws Exception {
        onContext(() -> {
            a.start();
            b.start();
            return Future.succeededFuture();
        });
        Future<Void> turnA = onContext(() -> Future.succeededFuture(a.turn()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnA::succeeded);
        Future<Void> turnB = onContext(() -> Future.succeededFuture(b.turn()));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> statusB.current().state() == SessionStatus.State.STANDBY);
        assertEquals(Optional.of("pod-a"), statusB.activeReplica());
        assertFalse(statusB.active());
        assertTrue(statusA.active());
        Thread.sleep(3 * TTL.toMillis()); // ticks, while pod-a's lease lasts by the store's clock
        assertFalse(turnB.isComplete(), "a standby does not connect while the lease is held");
    }

    @Test
    void aHolderWhoseStreamIsDownDoesNotRenewAndTheStandbyConnectsOnceTheLeaseExpires() throws Exception {
        Future<Void> turnA = startAndTurn(a);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnA::succeeded);
        Future<Void> turnB = startAndTurn(b);
        Thread.sleep(3 * TTL.toMillis());
        assertFalse(turnB.isComplete());
        clock.set(Instant.parse("2026-12-01T12:00:01Z")); // past the time to live: nothing renewed it
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnB::succeeded);
        Future<Void> again = onContext(() -> Future.succeededFuture(a.turn()));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> statusA.current().state() == SessionStatus.State.STANDBY);
        assertFalse(again.isComplete(), "its lease expired: it reconnects no more");
        assertEquals(Optional.of("pod-b"), statusA.activeReplica());
    }

    @Test
    void aConflictGivesTheLeaseUpToTheStandby() throws Exception {
        Future<Void> turnA = startAndTurn(a);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnA::succeeded);
        Future<Void> turnB = startAndTurn(b);
        onContext(() -> {
            a.conflict();
            return Future.succeededFuture();
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnB::succeeded);
    }

    @Test
    void shutdownReleasesTheLeaseOnceClosedAndTheStandbyConnects() throws Exception {
        Future<Void> turnA = startAndTurn(a);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnA::succeeded);
        Future<Void> turnB = startAndTurn(b);
        onContext(() -> {
            a.stopping();
            return Future.succeededFuture();
        });
        Thread.sleep(3 * TTL.toMillis());
        assertFalse(turnB.isComplete(), "held while the stream drains");
        onContext(a::release);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(turnB::succeeded);
    }

    private ComponentLease lease(String resource, SessionStatus status) {
        return new ComponentLease(vertx, new ActiveReplica(store, context, DOMAIN, resource, TTL), status, DOMAIN,
                TTL);
    }

    private Future<Void> startAndTurn(ComponentLease lease) throws Exception {
        return onContext(() -> {
            lease.start();
            return Future.succeededFuture(lease.turn());
        });
    }

    /** Runs {@code action} on the replicas' event loop, as the session does, and answers what it answered. */
    private <T> T onContext(Supplier<Future<T>> action) throws Exception {
        return EventLoop.call(context, action);
    }
}
