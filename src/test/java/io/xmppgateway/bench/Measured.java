package io.xmppgateway.bench;

import java.io.IOException;
import java.util.Map;

/**
 * What one measured phase of a send benchmark saw: the receiver's count, the latencies, each process's CPU ticks,
 * those of its JIT compiler threads and its {@code read}/{@code write} system calls.
 */
record Measured(int delivered, double seconds, long[] receipt, long[] answered, Map<String, Long> cpu,
        Map<String, Long> jit, Map<String, long[]> syscalls) {

    /** What {@code received} counted since {@code start}, and what each process spent since {@code before}. */
    static Measured since(Receiver received, long start, Bench.Usage before, long[] answered) throws IOException {
        long elapsed = System.nanoTime() - start;
        Bench.Usage spent = before.since();
        return new Measured(received.count.get(), elapsed / 1e9, received.latencies(), answered, spent.ticks(),
                spent.jitTicks(), spent.calls());
    }

    double deliveredPerSecond() {
        return delivered / seconds;
    }

    /** The CPU time {@code process} spent per delivered message. */
    double microsPerMessage(String process) {
        return Bench.ticksToMicros(cpu.get(process)) / Math.max(1, delivered);
    }

    /** Of {@link #microsPerMessage}, what the JIT compiler threads spent (still compiling after the warm-up). */
    double jitMicrosPerMessage(String process) {
        return Bench.ticksToMicros(jit.get(process)) / Math.max(1, delivered);
    }

    void print(int messages) {
        System.out.printf("delivered            %d (%.1f%%)%n", delivered, 100.0 * delivered / messages);
        System.out.printf("delivered/s          %.0f (counted by the receiver)%n", deliveredPerSecond());
        System.out.printf("latency p50 / p99 / p99.9  %.2f / %.2f / %.2f ms (sent to receipt)%n",
                Bench.percentile(receipt, 0.50) / 1e6, Bench.percentile(receipt, 0.99) / 1e6,
                Bench.percentile(receipt, 0.999) / 1e6);
        if (answered.length > 0) {
            System.out.printf("HTTP answer p50 / p99 %.2f ms / %.2f ms (request to response)%n",
                    Bench.percentile(answered, 0.50) / 1e6, Bench.percentile(answered, 0.99) / 1e6);
        }
        cpu.forEach((process, ticks) -> System.out.printf("%-20s %.1f µs CPU per delivered message (%.0f%% of "
                + "one core)%n", process, microsPerMessage(process),
                100.0 * Bench.ticksToMicros(ticks) / 1e6 / seconds));
        jit.forEach((process, ticks) -> {
            if (ticks > 0) {
                System.out.printf("%-20s %.1f µs of it in the JIT compiler's threads%n", process,
                        jitMicrosPerMessage(process));
            }
        });
        syscalls.forEach((process, calls) -> System.out.printf("%-20s %.2f reads, %.2f writes per delivered "
                + "message (system calls)%n", process, (double) calls[0] / Math.max(1, delivered),
                (double) calls[1] / Math.max(1, delivered)));
    }
}
