package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.stream.ActiveReplica.RecordedStream;
import io.xmppgateway.testing.TestClock;
import io.xmppgateway.testing.UnreachableStore;

/**
 * The lease and the stream record, as two replicas see them through one store (each {@link ActiveReplica} stands
 * for a process; the memory store's clock is moved past the lease's time to live instead of waiting for it).
 */
class ActiveReplicaTest {

    private static final Duration TTL = Duration.ofSeconds(6);
    private static final String ACCOUNT = "bot@example.org";

    private final Vertx vertx = Vertx.vertx();
    private final TestClock clock = new TestClock();
    private final MemoryStore store = new MemoryStore(clock, 1000, 1_000_000);
    private final ActiveReplica a = new ActiveReplica(store, vertx.getOrCreateContext(), ACCOUNT, "pod-a", TTL);
    private final ActiveReplica b = new ActiveReplica(store, vertx.getOrCreateContext(), ACCOUNT, "pod-b", TTL);

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void theFirstToClaimHoldsTheLeaseAndRenewsItTheOtherOneSeesWho() throws Exception {
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        assertTrue(await(a.claim()));
        assertFalse(await(b.claim()));
        assertEquals(Optional.of("pod-a"), b.holder());

        clock.set(Instant.parse("2026-12-01T12:00:05Z"));
        assertTrue(await(a.claim()), "renewed within its time to live");
        clock.set(Instant.parse("2026-12-01T12:00:10Z"));
        assertFalse(await(b.claim()), "the renewal moved the expiry");
    }

    @Test
    void anExpiredLeaseGoesToTheNextClaimAndItsOldHolderLearnsItLostIt() throws Exception {
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        assertTrue(await(a.claim()));
        clock.set(Instant.parse("2026-12-01T12:00:07Z"));
        assertTrue(await(b.claim()));
        assertFalse(await(a.claim()), "its token no longer holds the lease");
        assertEquals(Optional.of("pod-b"), a.holder());
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() throws Exception {
        assertTrue(await(a.claim()));
        await(a.release());
        assertFalse(await(b.heldElsewhere()), "nobody holds it");
        assertTrue(await(b.claim()));
        assertTrue(await(a.heldElsewhere()));
    }

    @Test
    void theRecordHoldsAtLeastEveryCountAcknowledgedAndIsReadByTheNextReplica() throws Exception {
        assertTrue(await(a.claim()));
        a.record("stream-1", Optional.empty(), 0);
        assertEquals(7L, await(a.covering(7)));
        assertEquals(Optional.of(new RecordedStream("pod-a", "stream-1", Optional.empty(), 7)),
                await(b.recordedStream()), "written before the 7 was answered");
        Future<Long> eight = a.covering(8);
        Future<Long> nine = a.covering(9);
        assertEquals(8L, await(eight));
        assertEquals(9L, await(nine));
        assertEquals(9, await(b.recordedStream()).orElseThrow().h());
    }

    @Test
    void forgettingRemovesOnlyARecordItWroteItself() throws Exception {
        a.record("stream-a", Optional.of("10.0.0.1:5222"), 3);
        await(a.covering(3));
        b.record("stream-b", Optional.empty(), 0);
        await(b.covering(1));
        await(a.forget());
        assertEquals("stream-b", await(b.recordedStream()).orElseThrow().previd(), "b's record stays");
        await(b.forget());
        assertEquals(Optional.empty(), await(a.recordedStream()));
    }

    @Test
    void aStoreThatCannotBeReachedChangesNoRoleAndHoldsNoAcknowledgementBack() throws Exception {
        ActiveReplica cutOff = new ActiveReplica(new UnreachableStore(), vertx.getOrCreateContext(), ACCOUNT, "pod-c",
                TTL);
        assertFalse(await(cutOff.claim()), "a standby stays standby");
        cutOff.record("stream-c", Optional.empty(), 0);
        assertEquals(5L, await(cutOff.covering(5)), "acknowledged all the same");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
