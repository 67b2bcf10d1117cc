package io.xmppgateway.stanza;

import java.util.Optional;

/**
 * A typed view of one of the three stanzas of RFC 6120 §8 over an immutable {@link Element}. Views never change;
 * builders and {@code reply()} make new ones.
 */
public abstract sealed class Stanza permits Message, Presence, Iq {

    /** The default namespace of a client stream (RFC 6120 §4.8.3), and the namespace of every stanza in the model. */
    public static final String CLIENT_NAMESPACE = "jabber:client";

    /**
     * The default namespace of a component stream (XEP-0114 §3). Its stanzas are the same as a client stream's:
     * the decoder of such a stream reads them as {@value #CLIENT_NAMESPACE} ones, and stanzas written without a
     * namespace of their own inherit the stream's.
     */
    public static final String COMPONENT_NAMESPACE = "jabber:component:accept";

    private final Element element;

    Stanza(Element element, String expectedName) {
        if (!element.name().equals(expectedName)) {
            throw new IllegalArgumentException("not a <" + expectedName + "/>: <" + element.name() + "/>");
        }
        this.element = element;
    }

    /** The view for a top-level element, or empty when it is not a stanza. */
    public static Optional<Stanza> of(Element element) {
        if (!element.namespace().equals(CLIENT_NAMESPACE)) {
            return Optional.empty();
        }
        return switch (element.name()) {
            case Message.ELEMENT -> Optional.of(new Message(element));
            case Presence.ELEMENT -> Optional.of(new Presence(element));
            case Iq.ELEMENT -> Optional.of(new Iq(element));
            default -> Optional.empty();
        };
    }

    public Element element() {
        return element;
    }

    public Optional<Jid> to() {
        return Jid.ofNullable(element.attribute("to"));
    }

    public Optional<Jid> from() {
        return Jid.ofNullable(element.attribute("from"));
    }

    public Optional<String> id() {
        return Optional.ofNullable(element.attribute("id"));
    }

    /** The {@code <error/>} child of a stanza of type error. */
    public Optional<StanzaError> error() {
        return element.child(StanzaError.ELEMENT, element.namespace()).map(StanzaError::fromElement);
    }

    /** The wire form, in the client stream's default namespace. */
    public String toXml() {
        return XmlWriter.write(element, CLIENT_NAMESPACE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza other && element.equals(other.element);
    }

    @Override
    public int hashCode() {
        return element.hashCode();
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** A copy with {@code to} and {@code from} swapped and, when {@code clear}, no children. */
    static Element.Builder swapped(Element element, boolean clear) {
        Element.Builder builder = element.toBuilder()
                .attribute("to", element.attribute("from"))
                .attribute("from", element.attribute("to"));
        return clear ? builder.clearChildren() : builder;
    }

    /** The part of every stanza builder that sets addresses, id and extension payloads. */
    @SuppressWarnings("unchecked")
    abstract static class Builder<S extends Stanza, B extends Builder<S, B>> {
        final Element.Builder element;

        Builder(String name) {
            element = Element.builder(name, CLIENT_NAMESPACE);
        }

        public B to(Jid to) {
            element.attribute("to", to);
            return (B) this;
        }

        public B from(Jid from) {
            element.attribute("from", from);
            return (B) this;
        }

        public B id(String id) {
            element.attribute("id", id);
            return (B) this;
        }

        /** Adds an extension payload (an element in any namespace), or text. */
        public B child(Node child) {
            element.child(child);
            return (B) this;
        }

        public abstract S build();
    }
}
