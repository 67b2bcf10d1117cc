package io.xmppgateway.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.xmppgateway.testing.RedisServer;

/**
 * The shared store a benchmarked gateway runs with ({@code gateway.store}): {@value #MEMORY}, or {@value #REDIS} on
 * the tests' {@link RedisServer} (loopback). Either way every {@code POST /v1/messages} counts against a daily cap on
 * recipients messaged, set far above what a run sends: the call then waits for the store's atomic check-and-increment
 * of the day's counters, where usage no cap applies to is added on the side ({@code QuotaFilter}). With Redis that
 * is a round trip per call, which {@link #roundTrips} counts from Redis's own statistics.
 */
final class BenchStore {

    static final String MEMORY = "memory";
    static final String REDIS = "redis";

    /** The commands that run a script: what the script calls runs inside Redis, not as round trips of its own. */
    private static final Set<String> SCRIPTS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro");

    /** Never reached in a run: nothing is refused. */
    private static final String MESSAGES_PER_DAY = "1000000000";

    private final String name;
    /** Reads Redis's statistics; none for the memory store. */
    private final Redis statistics;
    private Map<String, Long> marked = Map.of();

    private BenchStore(String name, Redis statistics) {
        this.name = name;
        this.statistics = statistics;
    }

    /**
     * {@code --store}: {@value #MEMORY}, {@value #REDIS} or {@code both}: memory, Redis, then memory again, so that
     * what drifts over a run (the server's state, the machine's other load) weighs on both sides.
     */
    static List<BenchStore> named(String option, Vertx vertx) {
        return switch (option) {
            case MEMORY -> List.of(memory());
            case REDIS -> List.of(redis(vertx));
            case "both" -> List.of(memory(), redis(vertx), memory());
            default -> throw new IllegalArgumentException("--store is memory, redis or both; not " + option);
        };
    }

    private static BenchStore memory() {
        return new BenchStore(MEMORY, null);
    }

    private static BenchStore redis(Vertx vertx) {
        return new BenchStore(REDIS, RedisServer.shared().client(io.vertx.mutiny.core.Vertx.newInstance(vertx)));
    }

    String name() {
        return name;
    }

    /** The gateway's configuration for this store. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>(Map.of("gateway.store", name,
                "gateway.quota.recipients-messaged-per-day", MESSAGES_PER_DAY));
        if (statistics != null) {
            overrides.put("quarkus.redis.hosts", RedisServer.shared().url());
        }
        return overrides;
    }

    /** Adds the Redis server to the processes whose CPU time is measured. */
    void addProcess(Map<String, Long> pids) {
        if (statistics != null) {
            pids.put("redis-server", RedisServer.shared().pid());
        }
    }

    /** Notes how many commands Redis ran so far: the measured phase begins. */
    void mark() {
        if (statistics != null) {
            marked = commands();
        }
    }

    /**
     * What each call asked of the store since {@link #mark}, as Redis counted it: the scripts sent, each a round trip,
     * and the commands they ran inside Redis, which {@code INFO commandstats} counts too and cannot tell apart from
     * commands sent alone — the benchmark's calls carry no {@code Idempotency-Key}, so they send none of those.
     */
    String roundTrips(int calls) {
        if (statistics == null) {
            return "none (the quota check-and-increment runs in the gateway's heap)";
        }
        StringJoiner sent = new StringJoiner(", ");
        StringJoiner inScripts = new StringJoiner(", ");
        commands().forEach((command, count) -> {
            long ran = count - marked.getOrDefault(command, 0L);
            if (ran > 0 && !command.equals("info")) {
                String perCall = String.format("%s %.2f", command.toUpperCase(), (double) ran / calls);
                (SCRIPTS.contains(command) ? sent : inScripts).add(perCall);
            }
        });
        return sent.length() == 0 ? inScripts + " a call (Redis INFO commandstats)"
                : sent + " a call; inside Redis, its script ran " + inScripts + " (INFO commandstats)";
    }

    /** How many times Redis ran each command since it started. */
    private Map<String, Long> commands() {
        String info = statistics.send(Request.cmd(Command.INFO).arg("commandstats"))
                .await().atMost(Duration.ofSeconds(5)).toString();
        Map<String, Long> commands = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            // cmdstat_evalsha:calls=20000,usec=…
            if (line.startsWith("cmdstat_")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                commands.put(line.substring(8, line.indexOf(':')), Long.parseLong(calls.substring(0,
                        calls.indexOf(','))));
            }
        }
        return commands;
    }
}
