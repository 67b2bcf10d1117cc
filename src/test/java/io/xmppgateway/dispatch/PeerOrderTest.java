package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Per-peer ordering keeps state only for peers with work in flight. */
class PeerOrderTest {

    private static final int SENDERS = 10_000;

    @Test
    void tenThousandSendersLeaveNothingBehindOnceTheirStanzasAreHandled() {
        PeerOrder order = new PeerOrder();
        List<Promise<Void>> inFlight = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Promise<Void> work = Promise.promise();
            inFlight.add(work);
            order.submit("sender" + i + "@example.org", work::future);
        }
        assertEquals(SENDERS, order.peers(), "one entry per sender while its stanza is being handled");

        inFlight.forEach(Promise::complete);
        assertEquals(0, order.peers(), "an idle sender is forgotten");
    }

    @Test
    void aSendersStanzasRunInArrivalOrderAndTheEntryGoesWithTheLast() {
        PeerOrder order = new PeerOrder();
        List<String> ran = new ArrayList<>();
        Promise<Void> first = Promise.promise();
        order.submit("juliet@example.org", () -> {
            ran.add("first");
            return first.future();
        });
        Future<Void> second = order.submit("juliet@example.org", () -> {
            ran.add("second");
            throw new IllegalStateException("a handler threw");
        });
        order.submit("juliet@example.org", () -> {
            ran.add("third");
            return Future.succeededFuture();
        });
        assertEquals(List.of("first"), ran);
        assertEquals(1, order.peers());

        first.fail("the first failed");
        assertEquals(List.of("first", "second", "third"), ran, "a failure does not stop the next");
        assertEquals("a handler threw", second.cause().getMessage());
        assertEquals(0, order.peers());
    }
}
