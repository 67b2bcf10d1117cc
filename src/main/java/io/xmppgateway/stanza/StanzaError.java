package io.xmppgateway.stanza;

import java.util.Locale;
import java.util.Optional;

/**
 * A stanza error (RFC 6120 §8.3): a defined condition, the error type that tells the sender what to do about it,
 * and an optional human-readable text.
 *
 * <pre>{@code
 * <error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
 * }</pre>
 */
public record StanzaError(Condition condition, Type type, Optional<String> text) {

    public static final String ELEMENT = "error";
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** What the sender should do (RFC 6120 §8.3.2). */
    public enum Type {
        AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type fromWire(String value) {
            for (Type type : values()) {
                if (type.wireName().equals(value)) {
                    return type;
                }
            }
            return CANCEL;
        }
    }

    /** The defined conditions of RFC 6120 §8.3.3, each with the type its example there uses. */
    public enum Condition {
        BAD_REQUEST(Type.MODIFY),
        CONFLICT(Type.CANCEL),
        FEATURE_NOT_IMPLEMENTED(Type.CANCEL),
        FORBIDDEN(Type.AUTH),
        GONE(Type.CANCEL),
        INTERNAL_SERVER_ERROR(Type.CANCEL),
        ITEM_NOT_FOUND(Type.CANCEL),
        JID_MALFORMED(Type.MODIFY),
        NOT_ACCEPTABLE(Type.MODIFY),
        NOT_ALLOWED(Type.CANCEL),
        NOT_AUTHORIZED(Type.AUTH),
        POLICY_VIOLATION(Type.MODIFY),
        RECIPIENT_UNAVAILABLE(Type.WAIT),
        REDIRECT(Type.MODIFY),
        REGISTRATION_REQUIRED(Type.AUTH),
        REMOTE_SERVER_NOT_FOUND(Type.CANCEL),
        REMOTE_SERVER_TIMEOUT(Type.WAIT),
        RESOURCE_CONSTRAINT(Type.WAIT),
        SERVICE_UNAVAILABLE(Type.CANCEL),
        SUBSCRIPTION_REQUIRED(Type.AUTH),
        UNDEFINED_CONDITION(Type.MODIFY),
        UNEXPECTED_REQUEST(Type.WAIT);

        private final Type defaultType;

        Condition(Type defaultType) {
            this.defaultType = defaultType;
        }

        public Type defaultType() {
            return defaultType;
        }

        /** The element name, e.g. {@code feature-not-implemented}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Condition> fromWire(String value) {
            for (Condition condition : values()) {
                if (condition.wireName().equals(value)) {
                    return Optional.of(condition);
                }
            }
            return Optional.empty();
        }
    }

    /** The condition with its default type and no text. */
    public static StanzaError of(Condition condition) {
        return new StanzaError(condition, condition.defaultType(), Optional.empty());
    }

    /** The condition with its default type and a text for humans. */
    public static StanzaError of(Condition condition, String text) {
        return new StanzaError(condition, condition.defaultType(), Optional.ofNullable(text));
    }

    /** Reads an {@code <error/>}; an unknown or missing condition reads as {@code undefined-condition}. */
    public static StanzaError fromElement(Element error) {
        Condition condition = Condition.UNDEFINED_CONDITION;
        String text = null;
        for (Element child : error.elements()) {
            if (!child.namespace().equals(NAMESPACE)) {
                continue;
            }
            if (child.name().equals("text")) {
                text = child.text();
            } else {
                condition = Condition.fromWire(child.name()).orElse(condition);
            }
        }
        return new StanzaError(condition, Type.fromWire(error.attribute("type")), Optional.ofNullable(text));
    }

    /** The {@code <error/>} element, in the stanza's namespace. */
    public Element toElement(String stanzaNamespace) {
        Element.Builder error = Element.builder(ELEMENT, stanzaNamespace)
                .attribute("type", type.wireName())
                .child(Element.empty(condition.wireName(), NAMESPACE));
        text.ifPresent(t -> error.child(Element.builder("text", NAMESPACE).text(t).build()));
        return error.build();
    }
}
