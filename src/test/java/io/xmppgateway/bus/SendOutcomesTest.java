package io.xmppgateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

class SendOutcomesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SendOutcomes outcomes = new SendOutcomes(registry);

    @Test
    void eachFateIsCountedUnderItsOutcomesTag() {
        outcomes.succeeded();
        outcomes.succeeded();
        for (SendFailure failure : SendFailure.values()) {
            outcomes.failed(new SendFailedException(failure, "detail"));
        }
        outcomes.failed(new IllegalStateException("boom"));

        assertEquals(2, count("ok"));
        for (SendFailure failure : SendFailure.values()) {
            assertEquals(1, count(failure.metricTag()), failure.name());
        }
        assertEquals(1, count("other"));
    }

    @Test
    void theSessionsFailureCrossesTheBusAsItself() {
        for (SendFailure failure : SendFailure.values()) {
            SendFailedException typed = SendFailedException.of(
                    new ReplyException(ReplyFailure.RECIPIENT_FAILURE, failure.busCode(), "why")).orElseThrow();
            assertEquals(failure, typed.failure());
            assertEquals("why", typed.detail());
        }
    }

    @Test
    void noTransportIsNotConnectedAndTheBusSafetyNetIsATimeout() {
        assertEquals(SendFailure.NOT_CONNECTED,
                SendFailedException.of(new ReplyException(ReplyFailure.NO_HANDLERS, -1, "none")).orElseThrow().failure());
        assertEquals(SendFailure.TIMED_OUT,
                SendFailedException.of(new ReplyException(ReplyFailure.TIMEOUT, -1, "late")).orElseThrow().failure());
    }

    @Test
    void aFailureThatIsNotASendOutcomeStaysOther() {
        assertTrue(SendFailedException.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 999, "?")).isEmpty());
        assertTrue(SendFailedException.of(new IllegalStateException("bug")).isEmpty());
    }

    private double count(String outcome) {
        return registry.get("gateway.sends").tag("outcome", outcome).counter().count();
    }
}
