package io.xmppgateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.quota.QuotaFilter;

/** {@code /v1/quota}: today's usage of each quota, like App Engine's console quota page. */
@Path("/v1/quota")
@Tag(name = "Quota")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    @Inject
    QuotaFilter quota;

    @GET
    @Operation(summary = "Each quota: used today, daily limit (null when only metered), and when it resets")
    public Uni<QuotaView> get() {
        return quota.status().map(status -> new QuotaView(status.stream()
                .map(q -> new QuotaView.Row(q.meter().apiName(), q.used(),
                        q.limit().isPresent() ? q.limit().getAsLong() : null, q.resetsAt().toOffsetDateTime().toString()))
                .toList()));
    }
}
