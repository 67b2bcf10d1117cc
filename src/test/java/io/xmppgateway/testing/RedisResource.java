package io.xmppgateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the gateway under test at the shared test {@link RedisServer}, as its shared store. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("gateway.store", "redis", "quarkus.redis.hosts", RedisServer.shared().url());
    }

    @Override
    public void stop() {
        // The server is shared by the whole test run and stopped when the JVM exits.
    }
}
