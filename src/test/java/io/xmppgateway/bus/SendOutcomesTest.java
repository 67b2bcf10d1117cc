package io.xmppgateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

class SendOutcomesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SendOutcomes outcomes = new SendOutcomes(registry);

    @Test
    void eachFateIsCountedUnderItsOutcome() {
        outcomes.count(Future.succeededFuture());
        outcomes.count(Future.succeededFuture());
        outcomes.count(failure(ReplyFailure.RECIPIENT_FAILURE, SendFailure.QUEUE_FULL));
        outcomes.count(failure(ReplyFailure.RECIPIENT_FAILURE, SendFailure.NOT_CONNECTED));
        outcomes.count(failure(ReplyFailure.NO_HANDLERS, -1));
        outcomes.count(failure(ReplyFailure.RECIPIENT_FAILURE, SendFailure.TIMED_OUT));
        outcomes.count(failure(ReplyFailure.TIMEOUT, -1));
        outcomes.count(failure(ReplyFailure.RECIPIENT_FAILURE, SendFailure.REJECTED));
        outcomes.count(failure(ReplyFailure.RECIPIENT_FAILURE, SendFailure.WRITE_FAILED));
        outcomes.count(Future.failedFuture(new IllegalStateException("boom")));

        assertEquals(2, count("ok"));
        assertEquals(1, count("queue_full"));
        assertEquals(2, count("not_connected"));
        assertEquals(2, count("timed_out"));
        assertEquals(1, count("rejected"));
        assertEquals(1, count("write_failed"));
        assertEquals(1, count("other"));
    }

    private static Future<Object> failure(ReplyFailure type, int code) {
        return Future.failedFuture(new ReplyException(type, code, "failed"));
    }

    private double count(String outcome) {
        return registry.get("gateway.sends").tag("outcome", outcome).counter().count();
    }
}
