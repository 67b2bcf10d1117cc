package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InboundBackpressureTest {

    private final List<String> calls = new ArrayList<>();
    private final InboundBackpressure backpressure =
            new InboundBackpressure(10, 1000, () -> calls.add("pause"), () -> calls.add("resume"));

    @Test
    void pausesAtTheBoundAndResumesAtHalf() {
        backpressure.received(9, 0);
        assertEquals(List.of(), calls);
        backpressure.received(10, 0);
        backpressure.received(11, 0); // read in the same chunk before the pause took effect
        assertEquals(List.of("pause"), calls, "paused once");
        backpressure.handled(6, 0);
        assertEquals(List.of("pause"), calls, "still more than half");
        backpressure.handled(5, 0);
        backpressure.handled(4, 0);
        assertEquals(List.of("pause", "resume"), calls, "resumed once, at half");
    }

    @Test
    void bytesCountToo() {
        backpressure.received(1, 1000);
        assertEquals(List.of("pause"), calls, "one stanza of the whole byte budget");
        backpressure.handled(0, 501);
        assertEquals(List.of("pause"), calls, "more than half the bytes still wait");
        backpressure.handled(0, 500);
        assertEquals(List.of("pause", "resume"), calls);
    }

    @Test
    void shutdownReadsAgainAndALostConnectionForgetsThePause() {
        backpressure.received(10, 0);
        backpressure.release();
        backpressure.release();
        assertEquals(List.of("pause", "resume"), calls);

        backpressure.received(10, 0);
        backpressure.reset();
        backpressure.handled(0, 0);
        assertEquals(List.of("pause", "resume", "pause"), calls, "the next connection reads from the start");
    }
}
