package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InboundBackpressureTest {

    private final List<String> calls = new ArrayList<>();
    private final InboundBackpressure backpressure =
            new InboundBackpressure(10, () -> calls.add("pause"), () -> calls.add("resume"));

    @Test
    void pausesAtTheBoundAndResumesAtHalf() {
        backpressure.received(9);
        assertEquals(List.of(), calls);
        backpressure.received(10);
        backpressure.received(11); // read in the same chunk before the pause took effect
        assertEquals(List.of("pause"), calls, "paused once");
        backpressure.handled(6);
        assertEquals(List.of("pause"), calls, "still more than half");
        backpressure.handled(5);
        backpressure.handled(4);
        assertEquals(List.of("pause", "resume"), calls, "resumed once, at half");
    }

    @Test
    void shutdownReadsAgainAndALostConnectionForgetsThePause() {
        backpressure.received(10);
        backpressure.release();
        backpressure.release();
        assertEquals(List.of("pause", "resume"), calls);

        backpressure.received(10);
        backpressure.reset();
        backpressure.handled(0);
        assertEquals(List.of("pause", "resume", "pause"), calls, "the next connection reads from the start");
    }
}
