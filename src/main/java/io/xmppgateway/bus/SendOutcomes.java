package io.xmppgateway.bus;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.ReplyException;

/**
 * Counts every stanza sent through the transport by its fate, as {@code gateway.sends{outcome}}: {@code ok} (the
 * server acknowledged it, or with {@code gateway.send-ack=written} it was written), or the failure its sender got.
 */
@Singleton
public class SendOutcomes {

    private static final String NAME = "gateway.sends";
    private static final String DESCRIPTION = "Stanzas sent through the transport, by outcome";

    private final Counter ok;
    private final Counter other;
    private final Map<Integer, Counter> failures;

    @Inject
    public SendOutcomes(MeterRegistry registry) {
        ok = counter(registry, "ok");
        other = counter(registry, "other");
        failures = Map.of(
                SendFailure.NOT_CONNECTED, counter(registry, "not_connected"),
                SendFailure.QUEUE_FULL, counter(registry, "queue_full"),
                SendFailure.TIMED_OUT, counter(registry, "timed_out"),
                SendFailure.REJECTED, counter(registry, "rejected"),
                SendFailure.WRITE_FAILED, counter(registry, "write_failed"));
    }

    /** Counts one send's fate. */
    public void count(AsyncResult<?> fate) {
        if (fate.succeeded()) {
            ok.increment();
        } else if (fate.cause() instanceof ReplyException reply) {
            int code = switch (reply.failureType()) {
                case TIMEOUT -> SendFailure.TIMED_OUT;        // gateway.send-timeout passed on the bus
                case NO_HANDLERS -> SendFailure.NOT_CONNECTED; // no transport is running
                case RECIPIENT_FAILURE, ERROR -> reply.failureCode();
            };
            failures.getOrDefault(code, other).increment();
        } else {
            other.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description(DESCRIPTION).tag("outcome", outcome).register(registry);
    }
}
