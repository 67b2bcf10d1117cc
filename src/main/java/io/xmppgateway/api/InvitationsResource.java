package io.xmppgateway.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;

/** {@code /v1/invitations}: App Engine's {@code send_invite}, a {@code <presence type='subscribe'/>}. */
@Path("/v1/invitations")
@Tag(name = "Send")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    @Inject
    QuotaFilter quota;

    @Inject
    Senders senders;

    @Inject
    IdempotencyKeys idempotency;

    @POST
    @Operation(summary = "Invite a JID to chat (a subscription request)",
            description = "Counts toward the daily invitation quota (100,000 by default).")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(
            value = "{\"to\": \"juliet@example.org\", \"status\": \"NO_ERROR\"}")))
    @APIResponse(responseCode = "400", description = "Invalid request (see the error code)")
    @APIResponse(responseCode = "429", description = "The daily invitation quota is used up; see Retry-After")
    @APIResponse(responseCode = "409", description = "A call with this Idempotency-Key is still in flight")
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used for a different request")
    @APIResponse(responseCode = "503", description = "Not connected to the XMPP server; nothing was sent")
    public Uni<SendResult> invite(InvitationRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return idempotency.once("invitations", authorization, idempotencyKey, request, SendResult.class,
                () -> inviteOnce(request));
    }

    private Uni<SendResult> inviteOnce(InvitationRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_json", "a JSON object is required");
        }
        Presence.Builder invitation = Presence.builder().type(PresenceType.SUBSCRIBE)
                .to(Recipients.required("to", request.to()));
        senders.account(request.from()).ifPresent(invitation::from);
        return Deliveries.toOne(quota, request.to(), List.of(invitation.build()),
                Map.of(Meter.API_CALLS, 1L, Meter.INVITATIONS, 1L));
    }
}
