package io.xmppgateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.SharedStore;

/**
 * Whether the shared store answers: always for {@code memory}; for {@code redis} while a {@code PING} comes back
 * within {@code gateway.store-timeout}. The data names the store's kind and, when it is down, why. A wellness check
 * ({@code /q/health/well}, and in {@code /q/health}), not a readiness one: with Redis down only capped and keyed calls
 * fail, and a pod taken out of its Service would fail every call — with one Redis for all replicas, every pod at once.
 */
@Wellness
@ApplicationScoped
public class StoreHealthCheck implements AsyncHealthCheck {

    private final SharedStore store;

    @Inject
    public StoreHealthCheck(SharedStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.ping()
                .map(ok -> HealthCheckResponse.named("store").up().withData("kind", store.kind()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("store").down()
                        .withData("kind", store.kind()).withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
