package io.xmppgateway.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * The send benchmarks' HTTP load: {@code clients} keep-alive connections driven by one Vert.x event loop, in a
 * closed loop or paced, and a measured phase after a warm-up, counted at the receiver.
 */
final class HttpLoad {

    private HttpLoad() {
    }

    /** Where the load goes: a path, an {@code Authorization} header (or none) and the JSON of the i-th message. */
    record Endpoint(String path, String authorization, Json json) {
    }

    /** The request body of message {@code index}, carrying {@code text} as its body. */
    interface Json {
        String of(int index, String text);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static HttpClient client(Vertx vertx, int port, int clients) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(clients).setMaxWaitQueueSize(-1));
    }

    /**
     * Warms up with {@code warmup} messages, then measures {@code messages}: until the receiver counted them all,
     * with the CPU time each of {@code pids} spent meanwhile.
     */
    static Measured measure(HttpClient http, Endpoint endpoint, int clients, int warmup, int messages,
            double rate, Receiver received, Map<String, Long> pids, ThrowingRunnable onMeasure) throws Exception {
        if (warmup > 0) {
            received.reset();
            System.out.printf("warming up with %d messages to %s%n", warmup, endpoint.path());
            run(http, endpoint, clients, warmup, rate, "w");
            received.awaitCount(warmup, Duration.ofSeconds(60));
        }
        received.reset();

        onMeasure.run();
        Bench.Usage before = Bench.Usage.of(pids);
        long start = System.nanoTime();
        long[] answered = run(http, endpoint, clients, messages, rate, "m");
        received.awaitCount(messages, Duration.ofSeconds(120));
        return Measured.since(received, start, before, answered);
    }

    /**
     * {@code clients} HTTP connections send {@code messages} in all, each waiting for its answer before the next
     * (closed loop), or paced to {@code rate} per second in total. One Vert.x event loop drives them, so the load
     * generator costs little CPU next to the gateway and the server on the same machine.
     */
    static long[] run(HttpClient http, Endpoint endpoint, int clients, int messages, double rate, String tag)
            throws InterruptedException {
        long[] answered = new long[messages];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(messages);
        Runnable[] sendOne = new Runnable[1];
        sendOne[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= messages) {
                return;
            }
            long sent = System.nanoTime();
            String body = endpoint.json().of(i, tag + ":" + sent);
            http.request(HttpMethod.POST, endpoint.path())
                    .compose(request -> {
                        if (endpoint.authorization() != null) {
                            request.putHeader("Authorization", endpoint.authorization());
                        }
                        return request.putHeader("Content-Type", "application/json").send(body);
                    })
                    .compose(response -> response.body().map(response.statusCode()))
                    .onComplete(status -> {
                        answered[i] = System.nanoTime() - sent;
                        if (status.failed() || status.result() != 200) {
                            failures.incrementAndGet();
                        }
                        done.countDown();
                        if (rate <= 0) {
                            sendOne[0].run();
                        }
                    });
        };
        if (rate > 0) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sendOne[0].run();
            }
        } else {
            for (int c = 0; c < clients; c++) {
                sendOne[0].run();
            }
        }
        done.await();
        if (failures.get() > 0) {
            System.out.printf("%d HTTP calls failed%n", failures.get());
        }
        Arrays.sort(answered);
        return answered;
    }
}
