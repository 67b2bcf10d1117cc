package io.xmppgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.OutboundStanzas;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.InvalidXmlException;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;

/** {@code /v1/messages}: App Engine's {@code send_message}. */
@Path("/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private static final Logger LOG = Logger.getLogger(MessagesResource.class);

    @Inject
    OutboundStanzas outbound;

    /**
     * Sends one {@code <message/>} per recipient. An invalid JID fails only its own row; when the XMPP session is
     * down for every recipient the call fails whole with 503 so the caller retries.
     */
    @POST
    public Uni<Response> send(SendMessageRequest request) {
        if (request == null || request.to() == null || request.to().isEmpty()) {
            throw ApiException.badRequest("no_recipients", "'to' must name at least one JID");
        }
        if (request.body() == null || request.body().isEmpty()) {
            throw ApiException.badRequest("no_body", "a message needs a non-empty 'body'");
        }
        MessageType type = parseType(request.type());
        String id = UUID.randomUUID().toString();

        List<Uni<Outcome>> sends = new ArrayList<>(request.to().size());
        for (String recipient : request.to()) {
            Jid to;
            try {
                to = Jid.of(recipient);
            } catch (InvalidJidException e) {
                sends.add(Uni.createFrom().item(new Outcome(recipient, SendStatus.INVALID_JID, false)));
                continue;
            }
            OutboundStanza stanza = serialize(Message.builder().to(to).id(id).type(type).body(request.body()).build());
            sends.add(outbound.send(stanza)
                    .map(receipt -> new Outcome(recipient, SendStatus.NO_ERROR, false))
                    .onFailure().recoverWithItem(e -> failed(recipient, e)));
        }
        return Uni.join().all(sends).andFailFast()
                .map(outcomes -> respond(id, outcomes));
    }

    private static OutboundStanza serialize(Message message) {
        try {
            return OutboundStanza.of(message);
        } catch (InvalidXmlException e) {
            throw ApiException.badRequest("invalid_characters", "the message cannot be sent as XML: " + e.getMessage());
        }
    }

    private static MessageType parseType(String type) {
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

    private static Outcome failed(String recipient, Throwable e) {
        boolean down = e instanceof ReplyException reply && reply.failureCode() == SendFailure.NOT_CONNECTED;
        if (!down) {
            LOG.warnf("Sending to %s failed: %s", recipient, e.getMessage());
        }
        return new Outcome(recipient, SendStatus.OTHER_ERROR, down);
    }

    private static Response respond(String id, List<Outcome> outcomes) {
        boolean allDown = outcomes.stream().anyMatch(Outcome::sessionDown)
                && outcomes.stream().allMatch(o -> o.sessionDown() || o.status() == SendStatus.INVALID_JID);
        if (allDown) {
            return Response.status(503).header("Retry-After", "5").type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("xmpp_unavailable",
                            "the gateway is not connected to its XMPP server; nothing was sent, retry later"))
                    .build();
        }
        return Response.ok(new SendMessageResponse(id, outcomes.stream()
                .map(o -> new SendMessageResponse.Result(o.to(), o.status()))
                .toList())).build();
    }

    /** One recipient's result, and whether it failed only because no session is up. */
    private record Outcome(String to, SendStatus status, boolean sessionDown) {
    }
}
