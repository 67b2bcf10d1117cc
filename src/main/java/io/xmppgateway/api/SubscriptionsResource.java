package io.xmppgateway.api;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.presence.Roster;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Jid;

/**
 * {@code /v1/subscriptions/{jid}/approve|deny}: the answer to a subscription request when
 * {@code gateway.subscriptions=manual} (with {@code accept-all}, App Engine's default, the gateway answers itself).
 * A component answers for the address in {@code ?from=} (by default {@code xmpp.component.default-sender}).
 */
@Path("/v1/subscriptions/{jid}")
@Tag(name = "Presence")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

    private static final String FROM = "Component mode: the address subscribed to (default: "
            + "xmpp.component.default-sender); in client mode only the gateway's own JID";

    @Inject
    QuotaFilter quota;

    @Inject
    Senders senders;

    @Inject
    Roster roster;

    @POST
    @Path("/approve")
    @Operation(summary = "Approve a subscription request, and subscribe back",
            description = "A component also sends the address's presence, and keeps the subscription in the store.")
    public Uni<SendResult> approve(@PathParam("jid") String jid,
                                   @Parameter(description = FROM) @QueryParam("from") String from) {
        Jid contact = Recipients.required("jid", jid).bare();
        Optional<Jid> address = senders.account(from);
        return roster.approve(address, contact)
                .chain(answers -> Deliveries.toOne(quota, jid, answers, Map.of(Meter.API_CALLS, 1L)));
    }

    @POST
    @Path("/deny")
    @Operation(summary = "Deny a subscription request (or cancel an approved one)")
    public Uni<SendResult> deny(@PathParam("jid") String jid,
                                @Parameter(description = FROM) @QueryParam("from") String from) {
        Jid contact = Recipients.required("jid", jid).bare();
        Optional<Jid> address = senders.account(from);
        return roster.deny(address, contact)
                .chain(answers -> Deliveries.toOne(quota, jid, answers, Map.of(Meter.API_CALLS, 1L)));
    }
}
