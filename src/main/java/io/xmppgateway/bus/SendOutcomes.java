package io.xmppgateway.bus;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every stanza sent through the transport by its fate, as {@code gateway.sends{outcome}}: {@code ok} (the
 * server acknowledged it, or with {@code gateway.send-ack=written} it was written), the failure's
 * {@link SendFailure#metricTag() tag}, or {@code other} for a failure that is no {@link SendFailedException}.
 */
@Singleton
public class SendOutcomes {

    private static final String NAME = "gateway.sends";
    private static final String DESCRIPTION = "Stanzas sent through the transport, by outcome";

    private final Counter ok;
    private final Counter other;
    private final Map<SendFailure, Counter> failures = new EnumMap<>(SendFailure.class);

    @Inject
    public SendOutcomes(MeterRegistry registry) {
        ok = counter(registry, "ok");
        other = counter(registry, "other");
        for (SendFailure failure : SendFailure.values()) {
            failures.put(failure, counter(registry, failure.metricTag()));
        }
    }

    /** Counts a send the server acknowledged (or that was written). */
    public void succeeded() {
        ok.increment();
    }

    /** Counts a failed send by its failure. */
    public void failed(Throwable failure) {
        if (failure instanceof SendFailedException failed) {
            failures.get(failed.failure()).increment();
        } else {
            other.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description(DESCRIPTION).tag("outcome", outcome).register(registry);
    }
}
