package io.xmppgateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.Counted;
import io.xmppgateway.store.Retention;
import io.xmppgateway.store.SharedStore;
import io.xmppgateway.store.StoreUnavailableException;

/** A shared store that cannot be reached: every call fails as {@code RedisStore}'s do in an outage. */
public final class UnreachableStore implements SharedStore {

    private static <T> Uni<T> unavailable() {
        return Uni.createFrom().failure(new StoreUnavailableException("the test's store is unreachable"));
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Uni<Void> ping() {
        return unavailable();
    }

    @Override
    public Uni<Counted> addWithinCaps(String key, Map<String, Long> deltas, Map<String, Long> caps,
                                      Instant expiresAt) {
        return unavailable();
    }

    @Override
    public Uni<Map<String, Long>> counters(String key) {
        return unavailable();
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, String value, Duration ttl, Retention retention) {
        return unavailable();
    }

    @Override
    public Uni<Optional<String>> get(String key) {
        return unavailable();
    }

    @Override
    public Uni<Boolean> replaceIfEquals(String key, String expected, String value, Duration ttl,
                                       Retention retention) {
        return unavailable();
    }

    @Override
    public Uni<Boolean> deleteIfEquals(String key, String expected) {
        return unavailable();
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl, Retention retention) {
        return unavailable();
    }

    @Override
    public Uni<Void> delete(String key) {
        return unavailable();
    }
}
