package io.xmppgateway.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.presence.PresenceCache;
import io.xmppgateway.presence.Roster;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Show;

/** {@code /v1/presence}: App Engine's {@code send_presence} and {@code get_presence}. */
@Path("/v1/presence")
@Tag(name = "Presence")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    private static final Logger LOG = Logger.getLogger(PresenceResource.class);

    /** App Engine's limit on a status message. */
    static final int MAX_STATUS_CHARS = 1024;

    @Inject
    QuotaFilter quota;

    @Inject
    Senders senders;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    PresenceCache cache;

    @Inject
    Roster roster;

    @Inject
    GatewayConfig gateway;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a presence to a JID")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(
            value = "{\"to\": \"juliet@example.org\", \"status\": \"NO_ERROR\"}")))
    @APIResponse(responseCode = "400", description = "Invalid request (see the error code)")
    @APIResponse(responseCode = "409", description = "A call with this Idempotency-Key is still in flight")
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used for a different request")
    @APIResponse(responseCode = "503", description = "Not connected to the XMPP server; nothing was sent")
    public Uni<SendResult> send(PresenceRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return idempotency.once("presence", authorization, idempotencyKey, request, SendResult.class,
                () -> sendOnce(request));
    }

    private Uni<SendResult> sendOnce(PresenceRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_json", "a JSON object is required");
        }
        Presence.Builder presence = Presence.builder().to(Recipients.required("to", request.to()))
                .type(type(request.type()))
                .show(show(request.show()))
                .status(status(request.status()));
        if (request.priority() != null) {
            if (request.priority() < -128 || request.priority() > 127) {
                throw ApiException.badRequest("invalid_priority", "'priority' must be between -128 and 127");
            }
            presence.priority(request.priority());
        }
        senders.resolve(request.from()).ifPresent(presence::from);
        Presence sent = presence.build();
        return Deliveries.toOne(quota, request.to(), List.of(sent), Map.of(Meter.API_CALLS, 1L))
                .call(result -> result.status() != SendStatus.NO_ERROR ? Uni.createFrom().voidItem()
                        : roster.sent(sent).onFailure().recoverWithUni(failure -> {
                            LOG.warnf("Sent, but could not keep as %s's presence for probes: %s",
                                    sent.from().orElseThrow(), failure.getMessage());
                            return Uni.createFrom().voidItem();
                        }));
    }

    @GET
    @Path("/{jid}")
    @Operation(summary = "The presence of a JID, as last received",
            description = "From the gateway's presence cache, fed by the presence its contacts send. A JID the gateway "
                    + "has no presence of is unavailable. In component mode, a JID the gateway has heard nothing from is "
                    + "first probed from `from` (default: xmpp.component.default-sender) if that address is subscribed "
                    + "to its presence, waiting for the answer up to gateway.presence-probe-timeout.")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = "{\"jid\": "
            + "\"juliet@example.org\", \"available\": true, \"show\": \"away\", \"status\": \"Lunch\", "
            + "\"resources\": [{\"resource\": \"phone\", \"show\": \"away\", \"status\": \"Lunch\", \"priority\": 0}]}")))
    public Uni<PresenceView> get(@PathParam("jid") String jid, @QueryParam("from") String from) {
        Jid contact = Recipients.required("jid", jid);
        Optional<Jid> prober = prober(from);
        return quota.consume(Map.of(Meter.API_CALLS, 1L))
                .chain(counted -> heardFrom(contact, prober))
                .map(heard -> view(jid));
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The presence of many JIDs at once")
    public Uni<Map<String, List<PresenceView>>> query(PresenceQuery query) {
        if (query == null || query.jids() == null || query.jids().isEmpty()) {
            throw ApiException.badRequest("no_jids", "'jids' must name at least one JID");
        }
        List<Jid> contacts = query.jids().stream().map(jid -> Recipients.required("jid", jid)).toList();
        Optional<Jid> prober = prober(query.from());
        return quota.consume(Map.of(Meter.API_CALLS, 1L))
                .chain(counted -> Uni.join().all(contacts.stream().map(contact -> heardFrom(contact, prober)).toList())
                        .andCollectFailures())
                .map(heard -> Map.of("results", query.jids().stream().map(this::view).toList()));
    }

    /** Who probes a contact the gateway has heard nothing from: a component's address; nobody in client mode. */
    private Optional<Jid> prober(String from) {
        return roster.probes() && !gateway.presenceProbeTimeout().isZero() ? senders.account(from) : Optional.empty();
    }

    /**
     * Completes once the cache can answer for {@code contact}: at once if it has its presence, if nobody probes, or if
     * the prober does not get the contact's presence (no probe then: the contact's server would reveal nothing);
     * otherwise once the contact's server answered a probe (RFC 6121 §4.3), or
     * {@code gateway.presence-probe-timeout} passed. A probe that cannot be sent (no session) answers from the cache
     * at once.
     */
    private Uni<Void> heardFrom(Jid contact, Optional<Jid> prober) {
        if (prober.isEmpty() || !cache.resources(contact).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return roster.receivesPresenceOf(prober.get(), contact).chain(subscribed -> {
            if (!subscribed) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> answer = cache.next(contact.bare(), gateway.presenceProbeTimeout());
            Presence probe = Presence.builder().from(prober.get()).to(contact.bare()).type(PresenceType.PROBE).build();
            return quota.send(List.of(OutboundStanza.of(probe)), Map.of())
                    .chain(sends -> sends.get(0))
                    .onItemOrFailure().transformToUni((sent, failure) -> failure == null ? answer
                            : Uni.createFrom().voidItem());
        });
    }

    private PresenceView view(String jid) {
        List<PresenceCache.ResourcePresence> resources = cache.resources(Recipients.required("jid", jid));
        List<PresenceView.Resource> rows = resources.stream()
                .map(r -> new PresenceView.Resource(r.resource(), r.show().map(Show::wireName).orElse(null),
                        r.status().orElse(null), r.priority()))
                .toList();
        PresenceView.Resource top = rows.isEmpty() ? null : rows.get(0);
        return new PresenceView(jid, top != null, top == null ? null : top.show(), top == null ? null : top.status(),
                rows);
    }

    private static PresenceType type(String type) {
        if (type == null) {
            return PresenceType.AVAILABLE;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "available" -> PresenceType.AVAILABLE;
            case "unavailable" -> PresenceType.UNAVAILABLE;
            case "probe" -> PresenceType.PROBE;
            default -> throw ApiException.badRequest("invalid_presence_type",
                    "'type' must be available, unavailable or probe; not '" + type + "'");
        };
    }

    private static Show show(String show) {
        if (show == null) {
            return null;
        }
        return Show.fromWire(show.toLowerCase(Locale.ROOT)).orElseThrow(() -> ApiException.badRequest("invalid_show",
                "'show' must be away, chat, dnd or xa; not '" + show + "'"));
    }

    private static String status(String status) {
        if (status != null && status.length() > MAX_STATUS_CHARS) {
            throw ApiException.badRequest("status_too_long", "'status' is " + status.length()
                    + " characters; at most " + MAX_STATUS_CHARS + " are allowed");
        }
        return status;
    }
}
