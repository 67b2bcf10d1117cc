package io.xmppgateway.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;

/**
 * {@code /v1/subscriptions/{jid}/approve|deny}: the answer to a subscription request when
 * {@code gateway.subscriptions=manual} (with {@code accept-all}, App Engine's default, the gateway answers itself).
 */
@Path("/v1/subscriptions/{jid}")
@Tag(name = "Presence")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

    @Inject
    QuotaFilter quota;

    @POST
    @Path("/approve")
    @Operation(summary = "Approve a subscription request, and subscribe back")
    public Uni<SendResult> approve(@PathParam("jid") String jid) {
        Jid contact = Recipients.required("jid", jid).bare();
        return Deliveries.toOne(quota, jid, List.of(Presence.builder().to(contact).type(PresenceType.SUBSCRIBED).build(),
                Presence.builder().to(contact).type(PresenceType.SUBSCRIBE).build()), Map.of(Meter.API_CALLS, 1L));
    }

    @POST
    @Path("/deny")
    @Operation(summary = "Deny a subscription request (or cancel an approved one)")
    public Uni<SendResult> deny(@PathParam("jid") String jid) {
        Jid contact = Recipients.required("jid", jid).bare();
        return Deliveries.toOne(quota, jid, List.of(Presence.builder().to(contact).type(PresenceType.UNSUBSCRIBED)
                .build()), Map.of(Meter.API_CALLS, 1L));
    }
}
