package io.xmppgateway.stanza;

import java.util.Optional;

/**
 * A {@code <presence/>} stanza, with slixmpp's interface: {@code type}, {@code show}, {@code status},
 * {@code priority} and {@link #reply()}.
 *
 * <pre>{@code
 * <presence from='juliet@example.com/balcony'><show>away</show><status>Getting lunch.</status></presence>
 * }</pre>
 */
public final class Presence extends Stanza {

    public static final String ELEMENT = "presence";

    public Presence(Element element) {
        super(element, ELEMENT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The type; a value RFC 6121 does not define reads as {@link PresenceType#ERROR}. */
    public PresenceType type() {
        return PresenceType.fromWire(element().attribute("type")).orElse(PresenceType.ERROR);
    }

    /**
     * Available or unavailable: a contact's presence, which its server sends again as it was, id and all, whenever it
     * answers a probe — news each time, not a copy (between two a directed unavailable may have said otherwise).
     */
    public boolean isBroadcast() {
        PresenceType type = type();
        return type == PresenceType.AVAILABLE || type == PresenceType.UNAVAILABLE;
    }

    public Optional<Show> show() {
        return element().childText("show", element().namespace()).flatMap(Show::fromWire);
    }

    public Optional<String> status() {
        return element().childText("status", element().namespace());
    }

    /** The priority, 0 when absent or not an integer (RFC 6121 §4.7.2.3). */
    public int priority() {
        try {
            return element().childText("priority", element().namespace()).map(String::strip)
                    .map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A reply with addresses swapped and content cleared; the answer to {@code subscribe} is {@code subscribed}
     * and to {@code unsubscribe} is {@code unsubscribed}, as in slixmpp.
     */
    public Presence reply() {
        Element.Builder reply = swapped(element(), true);
        switch (type()) {
            case SUBSCRIBE -> reply.attribute("type", "subscribed");
            case UNSUBSCRIBE -> reply.attribute("type", "unsubscribed");
            default -> {
            }
        }
        return new Presence(reply.build());
    }

    /** Builds a presence. */
    public static final class Builder extends Stanza.Builder<Presence, Builder> {
        private Show show;
        private String status;
        private Integer priority;

        private Builder() {
            super(ELEMENT);
        }

        public Builder type(PresenceType type) {
            element.attribute("type", type == null ? null : type.wireName().orElse(null));
            return this;
        }

        public Builder show(Show show) {
            this.show = show;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        /** RFC 6121 §4.7.2.3: an integer from -128 to +127. */
        public Builder priority(Integer priority) {
            if (priority != null && (priority < -128 || priority > 127)) {
                throw new IllegalArgumentException("priority must be between -128 and 127: " + priority);
            }
            this.priority = priority;
            return this;
        }

        @Override
        public Presence build() {
            Element draft = element.build();
            Element.Builder presence = Element.builder(ELEMENT, CLIENT_NAMESPACE);
            draft.attributes().forEach(presence::attribute);
            presence.textChild("show", show == null ? null : show.wireName())
                    .textChild("status", status)
                    .textChild("priority", priority == null ? null : priority.toString());
            return new Presence(presence.children(draft.children()).build());
        }
    }
}
