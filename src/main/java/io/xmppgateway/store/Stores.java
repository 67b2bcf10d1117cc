package io.xmppgateway.store;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.xmppgateway.config.GatewayConfig;

/**
 * Makes the one {@link SharedStore} that {@code gateway.store} names. The Redis client is looked up only when Redis
 * is chosen: without {@code quarkus.redis.hosts} Quarkus leaves it inactive, and a memory gateway needs none.
 */
@ApplicationScoped
public class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class);

    @Produces
    @ApplicationScoped
    SharedStore store(GatewayConfig config, Clock clock, InjectableInstance<Redis> redis, Vertx vertx) {
        return switch (config.store()) {
            case MEMORY -> new MemoryStore(clock, config.idempotencyMaxKeys(), config.idempotencyMaxBytes());
            case REDIS -> {
                ActiveResult active = redis.getHandle().getBean().checkActive();
                if (!active.value()) {
                    throw new IllegalStateException("gateway.store=redis needs a Redis server: "
                            + active.inactiveReason());
                }
                // Quarkus makes the Redis client at startup on this same thread, the main one; its connections live
                // on the event loop of the context it got there, which Vert.x keeps for the thread: this one.
                yield new RedisStore(redis.get(), vertx.getOrCreateContext(), config.storeTimeout());
            }
        };
    }

    /** Makes the store at startup, so that {@code gateway.store=redis} without a Redis configured fails it. */
    void start(@Observes StartupEvent startup, SharedStore store) {
        LOG.infof("Shared state lives in the %s store (gateway.store)", store.kind());
    }
}
