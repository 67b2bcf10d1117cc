package io.xmppgateway.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.packet.Message;

/**
 * Counts what the benchmark's receiving clients get, and how long each message took since it was sent: its body is
 * {@code tag:<System.nanoTime() when sent>}. Shared by several receiving connections (their reader threads).
 */
final class Receiver {
    final AtomicInteger count = new AtomicInteger();
    private final Map<Integer, Long> latency = new ConcurrentHashMap<>();

    void accept(Message message) {
        long now = System.nanoTime();
        String body = message.getBody();
        int colon = body.indexOf(':');
        long sent = Long.parseLong(body.substring(colon + 1));
        latency.put(count.getAndIncrement(), now - sent);
    }

    void awaitCount(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    void reset() {
        count.set(0);
        latency.clear();
    }

    long[] latencies() {
        long[] values = latency.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
