package io.xmppgateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The store of several replicas ({@code gateway.store=redis}): a Redis server ({@code quarkus.redis.hosts}) through
 * the reactive Vert.x client. What must be atomic is one Lua script ({@link LuaScript}); the rest is one command
 * each. The quota check-and-increments, one per capped API call, go in batches ({@link CounterBatcher}): under load,
 * those that overlap share one script call instead of a round trip each. Every call fails with
 * {@link StoreUnavailableException} when Redis cannot be reached or does not answer within the timeout; the client
 * reconnects by itself on the next call, so nothing here waits for Redis to return.
 * {@link Retention} is the memory store's concern: Redis keeps each key until its TTL.
 */
public final class RedisStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(RedisStore.class);

    private final Redis redis;
    private final Duration timeout;
    /** Whether the last call reached Redis: an outage and its end are logged once each, not per call. */
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final CounterBatcher<Response> batcher;

    /**
     * @param redis   the client (a pool of connections to one server)
     * @param home    the context the client's connections live on, where {@link #addWithinCaps}'s batches leave from
     *                (none: the caller's thread)
     * @param timeout how long a call may wait for its answer before Redis counts as unavailable
     */
    public RedisStore(Redis redis, Context home, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
        this.batcher = new CounterBatcher<>(home, this::addWithinCaps);
    }

    /** A store whose batches leave from the caller's thread. */
    public RedisStore(Redis redis, Duration timeout) {
        this(redis, null, timeout);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Uni<Void> ping() {
        return send(Request.cmd(Command.PING)).replaceWithVoid();
    }

    @Override
    public Uni<Counted> addWithinCaps(String key, Map<String, Long> deltas, Map<String, Long> caps,
                                      Instant expiresAt) {
        List<String> args = new ArrayList<>(2 + 3 * deltas.size());
        args.add(Long.toString(expiresAt.toEpochMilli()));
        args.add(Integer.toString(deltas.size()));
        deltas.forEach((counter, delta) -> {
            args.add(counter);
            args.add(Long.toString(delta));
            args.add(Long.toString(caps.getOrDefault(counter, -1L)));
        });
        return observed(batcher.add(key, args)).map(answer -> "refused".equals(answer.get(0).toString())
                ? Counted.refused(answer.get(1).toString())
                : Counted.added(totals(answer, 1)));
    }

    /** One call of {@link LuaScript#ADD_WITHIN_CAPS} for the requests of a batch. */
    private Uni<List<Response>> addWithinCaps(List<CounterBatcher.Request<Response>> batch) {
        List<String> keys = new ArrayList<>(batch.size());
        List<String> args = new ArrayList<>();
        for (CounterBatcher.Request<Response> request : batch) {
            keys.add(request.key);
            args.addAll(request.args);
        }
        return eval(LuaScript.ADD_WITHIN_CAPS, keys, args).map(answers -> {
            List<Response> each = new ArrayList<>(answers.size());
            answers.forEach(each::add);
            return each;
        });
    }

    @Override
    public Uni<Map<String, Long>> counters(String key) {
        return eval(LuaScript.COUNTERS, List.of(key), List.of()).map(answer -> totals(answer, 0));
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, String value, Duration ttl, Retention retention) {
        return send(Request.cmd(Command.SET).arg(key).arg(value).arg("NX").arg("PX").arg(ttl.toMillis()))
                .map(answer -> answer != null);
    }

    @Override
    public Uni<Optional<String>> get(String key) {
        return send(Request.cmd(Command.GET).arg(key)).map(answer -> Optional.ofNullable(answer).map(Response::toString));
    }

    @Override
    public Uni<Boolean> replaceIfEquals(String key, String expected, String value, Duration ttl,
                                       Retention retention) {
        return eval(LuaScript.REPLACE_IF_EQUALS, List.of(key),
                List.of(expected, value, Long.toString(ttl.toMillis()))).map(answer -> answer.toLong() == 1);
    }

    @Override
    public Uni<Boolean> deleteIfEquals(String key, String expected) {
        return eval(LuaScript.DELETE_IF_EQUALS, List.of(key), List.of(expected)).map(answer -> answer.toLong() == 1);
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl, Retention retention) {
        return send(Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(ttl.toMillis())).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(String key) {
        return send(Request.cmd(Command.DEL).arg(key)).replaceWithVoid();
    }

    /**
     * Runs a script by its SHA-1, and by its text when Redis does not know it (it forgets scripts on restart): the
     * text is encoded only then.
     */
    private Uni<Response> eval(LuaScript script, List<String> keys, List<String> args) {
        return observed(redis.send(withArgs(Request.cmd(Command.EVALSHA).arg(script.sha1()), keys, args))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.send(withArgs(Request.cmd(Command.EVAL).arg(script.text()), keys, args))));
    }

    private static Request withArgs(Request call, List<String> keys, List<String> args) {
        call.arg(keys.size());
        keys.forEach(call::arg);
        args.forEach(call::arg);
        return call;
    }

    private Uni<Response> send(Request request) {
        return observed(redis.send(request));
    }

    /** Bounds the call in time, turns every failure into {@link StoreUnavailableException}, logs outages once. */
    private Uni<Response> observed(Uni<Response> call) {
        return call.ifNoItem().after(timeout).failWith(() -> new StoreUnavailableException(
                        "Redis did not answer within " + timeout + " (gateway.store-timeout)"))
                .onItem().invoke(() -> {
                    if (reachable.compareAndSet(false, true)) {
                        LOG.info("Redis answers again");
                    }
                })
                .onFailure().transform(failure -> {
                    StoreUnavailableException unavailable = failure instanceof StoreUnavailableException known ? known
                            : new StoreUnavailableException("Redis failed: " + failure.getMessage(), failure);
                    if (reachable.compareAndSet(true, false)) {
                        LOG.warnf("The shared store is unavailable: %s", unavailable.getMessage());
                    }
                    return unavailable;
                });
    }

    /** Field, value pairs from {@code from} on. */
    private static Map<String, Long> totals(Response flat, int from) {
        Map<String, Long> totals = new HashMap<>();
        for (int i = from; i + 1 < flat.size(); i += 2) {
            totals.put(flat.get(i).toString(), Long.parseLong(flat.get(i + 1).toString()));
        }
        return totals;
    }
}
