package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.stanza.Message;

/** The XEP-0198 bookkeeping: acknowledgements, wraparound, wrong counts, resending, inbound h. */
class StreamManagementTest {

    private static Outgoing stanza(String id) {
        return new Outgoing(OutboundStanza.of(Message.builder().id(id).body(id).build()), null, 0);
    }

    private static List<String> ids(List<Outgoing> outgoing) {
        return outgoing.stream().map(o -> o.stanza().stanza().id().orElseThrow()).toList();
    }

    private static StreamManagement enabled(int capacity) {
        return enabled(capacity, Long.MAX_VALUE);
    }

    private static StreamManagement enabled(int capacity, long capacityBytes) {
        StreamManagement sm = new StreamManagement(capacity, capacityBytes);
        sm.enable("s1", true, null);
        return sm;
    }

    @Test
    void anAcknowledgementRemovesThePrefixItCovers() throws Exception {
        StreamManagement sm = enabled(10);
        for (String id : List.of("a", "b", "c")) {
            sm.written(stanza(id));
        }
        assertEquals(List.of("a", "b"), ids(sm.acknowledge("2")));
        assertEquals(List.of(), ids(sm.acknowledge("2")), "the same h again acknowledges nothing more");
        assertEquals(List.of("c"), ids(sm.unacknowledged()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "-1", "x", "4294967296"})
    void aCountTooHighNegativeOrNotANumberIsRefused(String h) {
        StreamManagement sm = enabled(10);
        for (String id : List.of("a", "b", "c")) {
            sm.written(stanza(id));
        }
        assertThrows(StreamManagement.HandledCountException.class, () -> sm.acknowledge(h));
        assertEquals(3, sm.unackedCount(), "nothing acknowledged by a wrong count");
    }

    @Test
    void aDecreasingCountIsRefused() throws Exception {
        StreamManagement sm = enabled(10);
        sm.written(stanza("a"));
        sm.written(stanza("b"));
        sm.acknowledge("2");
        sm.written(stanza("c"));
        assertThrows(StreamManagement.HandledCountException.class, () -> sm.acknowledge("1"));
    }

    @Test
    void countsWrapAround() throws Exception {
        StreamManagement sm = enabled(10);
        // 2^32 - 1 stanzas acknowledged one by one would take a while; the arithmetic is the same from any h.
        for (int i = 0; i < 3; i++) {
            sm.written(stanza("x" + i));
        }
        sm.acknowledge("3");
        java.lang.reflect.Field acked = StreamManagement.class.getDeclaredField("acked");
        acked.setAccessible(true);
        acked.setLong(sm, 4294967295L);
        sm.written(stanza("last"));
        sm.written(stanza("first-after-wrap"));
        assertEquals(List.of("last", "first-after-wrap"), ids(sm.acknowledge("1")));
    }

    @Test
    void startingOverResendsTheUnacknowledgedBeforeWhatWaited() throws Exception {
        StreamManagement sm = enabled(10);
        sm.written(stanza("a"));
        sm.written(stanza("b"));
        sm.hold(stanza("c"));
        sm.acknowledge("1");
        sm.startOver();
        assertFalse(sm.resumeId().isPresent());
        assertEquals(List.of("b", "c"), ids(sm.takeHeld()));
    }

    @Test
    void theQueueIsBounded() {
        StreamManagement sm = enabled(2);
        sm.written(stanza("a"));
        sm.hold(stanza("b"));
        assertFalse(sm.hasRoom());
    }

    @Test
    void theQueueIsBoundedInBytesAndAcknowledgementsFreeThem() throws Exception {
        Outgoing a = stanza("a");
        int bytes = a.stanza().wireBytes();
        StreamManagement sm = enabled(100, 2L * bytes);
        sm.written(a);
        assertTrue(sm.hasRoom());
        sm.hold(stanza("b"));
        assertFalse(sm.hasRoom(), "two stanzas fill " + 2 * bytes + " bytes");
        sm.acknowledge("1");
        assertTrue(sm.hasRoom(), "the acknowledged one's bytes are free again");
        Outgoing b = sm.nextHeld().orElseThrow();
        sm.written(b);
        sm.hold(stanza("c"));
        assertFalse(sm.hasRoom(), "taking a held stanza to write it does not count it twice or not at all");
        sm.takeHeld();
        assertTrue(sm.hasRoom());
    }

    @Test
    void inboundHMovesOnlyOverStanzasAllHandled() {
        StreamManagement sm = enabled(10);
        long first = sm.inbound().received(100);
        long second = sm.inbound().received(100);
        long third = sm.inbound().received(100);
        assertEquals(3, sm.inbound().unhandledCount());
        assertEquals(300, sm.inbound().unhandledBytes());
        sm.inbound().handled(second, 100);
        sm.inbound().handled(third, 100);
        assertEquals(0, sm.inbound().handled(), "the first is still being dispatched");
        assertEquals(3, sm.inbound().unhandledCount(), "the server waits for all three");
        sm.inbound().handled(first, 100);
        assertEquals(3, sm.inbound().handled());
        sm.inbound().handled(first, 100);
        assertEquals(3, sm.inbound().handled(), "counted once");
        assertEquals(0, sm.inbound().unhandledCount());
        assertEquals(0, sm.inbound().unhandledBytes(), "freed once");
    }

    @Test
    void afterAResumptionWhatWasReadBeforeIsACopyCountedOnceByItsFirstHandBack() {
        StreamManagement sm = enabled(10);
        long first = sm.inbound().received(100);
        long second = sm.inbound().received(100);
        long third = sm.inbound().received(100);
        sm.inbound().handled(first, 100);
        sm.inbound().handled(third, 100);
        assertEquals(1, sm.inbound().resumeFrom(), "<resume h='1'/>: the second is still being handled");
        sm.resumed();
        // The server resends what followed h=1: the second and third again, then one never read.
        assertEquals(InboundCount.COPY, sm.inbound().received(100), "the second, still being handled");
        assertEquals(InboundCount.COPY, sm.inbound().received(100), "the third, handled already");
        long fourth = sm.inbound().received(100);
        assertTrue(fourth > third);
        assertEquals(1, sm.inbound().handled());
        sm.inbound().handled(second, 100);
        assertEquals(3, sm.inbound().handled(), "the first copy's hand-back counts the second, and the third follows");
        sm.inbound().handled(fourth, 100);
        assertEquals(4, sm.inbound().handled(), "never more than the server sent: 1 + 3 resent or new");
        assertEquals(0, sm.inbound().unhandledCount());
        assertEquals(0, sm.inbound().unhandledBytes());
    }

    @Test
    void aStanzaHandledWhileReconnectingIsStillACopyWhenResent() {
        StreamManagement sm = enabled(10);
        long first = sm.inbound().received(100);
        assertEquals(0, sm.inbound().resumeFrom());
        sm.inbound().handled(first, 100);
        sm.resumed();
        assertEquals(InboundCount.COPY, sm.inbound().received(100));
        assertEquals(1, sm.inbound().handled());
    }

    @Test
    void aNewSessionAfterAResumptionNeverReusesATicketStillBeingHandled() {
        StreamManagement sm = enabled(10);
        long first = sm.inbound().received(100);
        sm.inbound().received(100);
        sm.inbound().resumeFrom();
        sm.resumed();
        sm.enable("s2", true, null);
        long fresh = sm.inbound().received(100);
        assertTrue(fresh > first + 1, "fresh tickets follow every one given");
        sm.inbound().handled(first, 100);
        assertEquals(0, sm.inbound().handled(), "the old session's stanza does not count in the new one");
        sm.inbound().handled(fresh, 100);
        assertEquals(1, sm.inbound().handled());
    }

    @Test
    void aNewSessionCountsFromZeroAndIgnoresTheOldOnesTickets() {
        StreamManagement sm = enabled(10);
        long old = sm.inbound().received(100);
        sm.enable("s2", true, null);
        long fresh = sm.inbound().received(100);
        sm.inbound().handled(old, 100);
        assertEquals(0, sm.inbound().handled());
        sm.inbound().handled(fresh, 100);
        assertEquals(1, sm.inbound().handled());
        assertTrue(sm.resumeId().isPresent());
    }
}
