package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.stanza.Message;

/**
 * A stanza whose caller was told it failed (its deadline passed) never goes out afterwards: held, it is dropped; written
 * and unacknowledged, it is left out when the stream is resumed or started over — and the XEP-0198 counts stay right.
 */
class OutgoingDeadlineTest {

    private static Outgoing stanza(String id) {
        return new Outgoing(OutboundStanza.of(Message.builder().id(id).body(id).build()), null, 0);
    }

    private static Outgoing abandoned(String id) {
        Outgoing outgoing = stanza(id);
        outgoing.markAnswered(true);
        return outgoing;
    }

    private static List<String> ids(List<Outgoing> outgoing) {
        return outgoing.stream().map(o -> o.stanza().stanza().id().orElseThrow()).toList();
    }

    private static List<String> drainHeld(StreamManagement sm) {
        List<Outgoing> taken = new ArrayList<>();
        for (Optional<Outgoing> next = sm.nextHeld(); next.isPresent(); next = sm.nextHeld()) {
            taken.add(next.get());
        }
        return ids(taken);
    }

    private static StreamManagement enabled() {
        StreamManagement sm = new StreamManagement(10, Long.MAX_VALUE);
        sm.enable("s1", true, null);
        return sm;
    }

    @Test
    void anAbandonedHeldStanzaIsNeverTakenToBeWritten() {
        StreamManagement sm = enabled();
        sm.hold(stanza("a"));
        sm.hold(abandoned("b"));
        sm.hold(stanza("c"));
        assertEquals(List.of("a", "c"), drainHeld(sm));
        assertEquals(0, sm.waitingCount());
    }

    @Test
    void aHeldStanzaIsDroppedAtItsDeadline() {
        StreamManagement sm = enabled();
        Outgoing late = stanza("late");
        sm.hold(stanza("a"));
        sm.hold(late);
        assertTrue(sm.dropHeld(late));
        assertFalse(sm.dropHeld(late), "dropped once");
        assertEquals(List.of("a"), drainHeld(sm));
    }

    @Test
    void aResumptionLeavesOutWhatWasAbandonedAndTheCountsStayAligned() throws Exception {
        StreamManagement sm = enabled();
        sm.written(stanza("a"));
        sm.written(abandoned("b"));
        sm.written(stanza("c"));
        sm.acknowledge("1"); // <resumed h='1'/>: the server got "a" only
        assertEquals(List.of("c"), ids(sm.toResend()));
        assertEquals(1, sm.waitingCount());
        // "c" is written again and is the only stanza the server counts next.
        assertEquals(List.of("c"), ids(sm.acknowledge("2")));
        assertEquals(0, sm.waitingCount());
    }

    @Test
    void aNewStreamLeavesOutWhatWasAbandoned() {
        StreamManagement sm = enabled();
        sm.written(abandoned("a"));
        sm.written(stanza("b"));
        sm.hold(stanza("c"));
        sm.startOver();
        assertEquals(List.of("b", "c"), drainHeld(sm));
    }

    @Test
    void aStanzaAnsweredWithSuccessIsStillResent() throws Exception {
        StreamManagement sm = enabled();
        Outgoing written = stanza("a"); // gateway.send-ack=written: 200 once on the socket
        written.markAnswered(false);
        sm.written(written);
        sm.acknowledge("0");
        assertEquals(List.of("a"), ids(sm.toResend()));
    }
}
