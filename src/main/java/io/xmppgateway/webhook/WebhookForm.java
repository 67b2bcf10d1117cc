package io.xmppgateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Stanza;

/**
 * An inbound stanza as App Engine POSTed it: the path under {@code /_ah/xmpp/} and the multipart/form-data fields.
 *
 * <pre>
 * /_ah/xmpp/message/chat/                                       from, to, body, stanza
 * /_ah/xmpp/presence/{available|unavailable|probe}/             from, to, show, status, stanza
 * /_ah/xmpp/subscription/{subscribe|subscribed|unsubscribe|unsubscribed}/   from, to, stanza
 * /_ah/xmpp/error/                                              from, stanza
 * </pre>
 *
 * @param path   the path, e.g. {@code /_ah/xmpp/message/chat/}
 * @param fields the form fields, in App Engine's order
 */
public record WebhookForm(String path, Map<String, String> fields) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The form for a stanza, or empty when it is not POSTed: its service is switched off, or it is a message type the
     * app did not ask for.
     */
    public static Optional<WebhookForm> of(Stanza stanza, List<String> services, List<String> messageTypes) {
        boolean error = "error".equals(stanza.element().attribute("type"));
        if (error) {
            return services.contains("error") ? Optional.of(form("/_ah/xmpp/error/", stanza, false)) : Optional.empty();
        }
        if (stanza instanceof Message message) {
            if (!services.contains("message") || !messageTypes.contains(message.type().wireName())) {
                return Optional.empty();
            }
            WebhookForm form = form("/_ah/xmpp/message/chat/", stanza, true);
            form.fields().put("body", message.body().orElse(""));
            return Optional.of(form.withStanzaLast());
        }
        if (stanza instanceof Presence presence) {
            PresenceType type = presence.type();
            String name = type.wireName().orElse("available");
            if (type.isSubscription()) {
                return services.contains("subscription")
                        ? Optional.of(form("/_ah/xmpp/subscription/" + name + "/", stanza, true))
                        : Optional.empty();
            }
            if (!services.contains("presence")) {
                return Optional.empty();
            }
            WebhookForm form = form("/_ah/xmpp/presence/" + name + "/", stanza, true);
            presence.show().ifPresent(show -> form.fields().put("show", show.wireName()));
            presence.status().ifPresent(status -> form.fields().put("status", status));
            return Optional.of(form.withStanzaLast());
        }
        return Optional.empty();
    }

    private static WebhookForm form(String path, Stanza stanza, boolean withTo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", stanza.element().attribute("from") == null ? "" : stanza.element().attribute("from"));
        if (withTo) {
            fields.put("to", stanza.element().attribute("to") == null ? "" : stanza.element().attribute("to"));
        }
        fields.put("stanza", stanza.toXml());
        return new WebhookForm(path, fields);
    }

    private WebhookForm withStanzaLast() {
        String xml = fields.remove("stanza");
        fields.put("stanza", xml);
        return this;
    }

    /** Is this a message type name App Engine knew? Used to validate configuration. */
    static boolean isMessageType(String name) {
        for (MessageType type : MessageType.values()) {
            if (type.wireName().equals(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The form as a multipart/form-data body (RFC 7578), with its boundary.
     *
     * @return the body and the Content-Type header to send it with
     */
    public Encoded encode() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        StringBuilder boundary = new StringBuilder("----xmpp-gateway-");
        for (byte b : random) {
            boundary.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        Buffer body = Buffer.buffer();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.appendString("--" + boundary + "\r\n")
                    .appendString("Content-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n")
                    .appendString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
                    .appendBytes(field.getValue().getBytes(StandardCharsets.UTF_8))
                    .appendString("\r\n");
        }
        body.appendString("--" + boundary + "--\r\n");
        return new Encoded(body, "multipart/form-data; boundary=" + boundary);
    }

    /**
     * @param body        the request body
     * @param contentType its Content-Type, with the boundary
     */
    public record Encoded(Buffer body, String contentType) {
    }
}
