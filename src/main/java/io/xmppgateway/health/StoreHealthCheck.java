package io.xmppgateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.SharedStore;

/**
 * Ready while the shared store answers: always for {@code memory}; for {@code redis} while a {@code PING} comes back
 * within {@code gateway.store-timeout}. The data names the store's kind and, when it is down, why.
 */
@Readiness
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
