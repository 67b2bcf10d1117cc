package io.xmppgateway.stanza;

import java.util.List;
import java.util.Optional;

/**
 * An {@code <iq/>} stanza: a request ({@code get}/{@code set}) with exactly one payload element, usually a
 * namespaced {@code <query/>}, answered by one {@code result} or {@code error} with the same id (RFC 6120 §8.2.3).
 *
 * <pre>{@code
 * <iq to='example.org' type='get' id='1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>
 * }</pre>
 */
public final class Iq extends Stanza {

    public static final String ELEMENT = "iq";

    public Iq(Element element) {
        super(element, ELEMENT);
    }

    public static Builder builder(IqType type) {
        return new Builder(type);
    }

    /** The type, empty when the attribute is missing or not one RFC 6120 defines. */
    public Optional<IqType> type() {
        return IqType.fromWire(element().attribute("type"));
    }

    /** The payload elements (everything but an {@code <error/>}); a well-formed request has exactly one. */
    public List<Element> payloads() {
        return element().elements().stream()
                .filter(e -> !e.is(StanzaError.ELEMENT, element().namespace()))
                .toList();
    }

    /** The first payload element. */
    public Optional<Element> payload() {
        return payloads().stream().findFirst();
    }

    /** The namespace of the payload, e.g. {@code jabber:iq:roster}. */
    public Optional<String> queryNamespace() {
        return payload().map(Element::namespace);
    }

    /** An empty {@code result} to this request: addresses swapped, same id. */
    public Iq reply() {
        return reply(null);
    }

    /** A {@code result} to this request carrying {@code payload} (may be {@code null}). */
    public Iq reply(Element payload) {
        Element.Builder reply = swapped(element(), true).attribute("type", IqType.RESULT.wireName());
        if (payload != null) {
            reply.child(payload);
        }
        return new Iq(reply.build());
    }

    /** An {@code error} answer to this request (RFC 6120 §8.3.1). */
    public Iq errorReply(StanzaError error) {
        return new Iq(swapped(element(), true)
                .attribute("type", IqType.ERROR.wireName())
                .child(error.toElement(element().namespace()))
                .build());
    }

    /** Builds an IQ. */
    public static final class Builder extends Stanza.Builder<Iq, Builder> {
        private Builder(IqType type) {
            super(ELEMENT);
            element.attribute("type", type.wireName());
        }

        @Override
        public Iq build() {
            return new Iq(element.build());
        }
    }
}
