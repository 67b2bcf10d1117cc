package io.xmppgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.InvalidXmlException;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Node;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stanza.XmlFragment;

/** {@code /v1/messages}: App Engine's {@code send_message}. */
@Path("/v1/messages")
@Tag(name = "Send")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    QuotaFilter quota;

    @Inject
    Senders senders;

    @Inject
    GatewayConfig config;

    @Inject
    IdempotencyKeys idempotency;

    @POST
    @Operation(summary = "Send a message to one or more JIDs",
            description = "One <message/> per recipient. An invalid JID fails only its own row.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "chat", value = "{\"to\": [\"juliet@example.org\"], \"body\": \"Hello\"}"),
            @ExampleObject(name = "raw XML", value = "{\"to\": \"juliet@example.org\", \"rawXml\": true, "
                    + "\"body\": \"<body>Hi</body><x xmlns='urn:example'/>\"}")}))
    @APIResponse(responseCode = "200", description = "Per-recipient results", content = @Content(examples =
            @ExampleObject(value = "{\"id\": \"6f1c…\", \"results\": [{\"to\": \"juliet@example.org\", "
                    + "\"status\": \"NO_ERROR\"}, {\"to\": \"not a jid\", \"status\": \"INVALID_JID\"}]}")))
    @APIResponse(responseCode = "400", description = "Invalid request (see the error code)")
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "413", description = "A message is over the size limit, or the call over 1 MB")
    @APIResponse(responseCode = "429", description = "A daily quota would be exceeded; see Retry-After")
    @APIResponse(responseCode = "409", description = "A call with this Idempotency-Key is still in flight")
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used for a different request")
    @APIResponse(responseCode = "503", description = "Not connected to the XMPP server; nothing was sent")
    public Uni<SendMessageResponse> send(SendMessageRequest request,
                                         @HeaderParam("Idempotency-Key") String idempotencyKey,
                                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String id = idempotency.stanzaId("messages", authorization, idempotencyKey);
        return idempotency.once("messages", authorization, idempotencyKey, request, SendMessageResponse.class,
                () -> sendOnce(request, id));
    }

    private Uni<SendMessageResponse> sendOnce(SendMessageRequest request, String id) {
        if (request == null) {
            throw ApiException.badRequest("invalid_json", "a JSON object is required");
        }
        List<String> recipients = Recipients.list(request.to(), config.maxRecipients());
        if (request.body() == null || request.body().isEmpty()) {
            throw ApiException.badRequest("no_body", "a message needs a non-empty 'body'");
        }
        MessageType type = messageType(request.type());
        Optional<Jid> from = senders.resolve(request.from());
        List<Node> content = Boolean.TRUE.equals(request.rawXml()) ? rawXml(request.body()) : null;

        List<OutboundStanza> stanzas = new ArrayList<>(recipients.size());
        int[] stanzaOf = new int[recipients.size()];
        for (int i = 0; i < recipients.size(); i++) {
            Jid to;
            try {
                to = Jid.of(recipients.get(i));
            } catch (InvalidJidException e) {
                stanzaOf[i] = -1;
                continue;
            }
            Message.Builder message = Message.builder().to(to).id(id).type(type)
                    .subject(request.subject()).thread(request.thread());
            from.ifPresent(message::from);
            if (content == null) {
                message.body(request.body());
            } else {
                content.forEach(message::child);
            }
            stanzaOf[i] = stanzas.size();
            stanzas.add(Deliveries.serialize(message.build()));
        }
        return quota.send(stanzas, Map.of(Meter.API_CALLS, 1L, Meter.RECIPIENTS_MESSAGED, (long) stanzas.size()))
                .chain(sends -> {
                    Deliveries deliveries = new Deliveries();
                    for (int i = 0; i < recipients.size(); i++) {
                        if (stanzaOf[i] < 0) {
                            deliveries.refused(recipients.get(i), SendStatus.INVALID_JID);
                        } else {
                            deliveries.pending(recipients.get(i), sends.get(stanzaOf[i]));
                        }
                    }
                    return deliveries.results().map(results -> new SendMessageResponse(id, results));
                });
    }

    private List<Node> rawXml(String xml) {
        try {
            return XmlFragment.parseMessageContent(xml, (int) Math.min(Integer.MAX_VALUE,
                    config.limits().requestBytes()));
        } catch (InvalidXmlException e) {
            throw ApiException.badRequest("invalid_xml", "'body' is not XML that can go inside a message: "
                    + e.getMessage());
        }
    }

    private static MessageType messageType(String type) {
        if (type == null) {
            return MessageType.CHAT;
        }
        for (MessageType t : MessageType.values()) {
            if (t.wireName().equals(type.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw ApiException.badRequest("invalid_type",
                "'type' must be one of chat, normal, headline, groupchat, error; not '" + type + "'");
    }
}
