package io.xmppgateway.dispatch;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StanzaError;

/** The error answer to any stanza (RFC 6120 §8.3.1): same kind and id, addresses swapped, type error. */
final class ErrorReplies {

    private ErrorReplies() {
    }

    static Stanza to(Stanza stanza, StanzaError error) {
        if (stanza instanceof Iq iq) {
            return iq.errorReply(error);
        }
        Element original = stanza.element();
        Element reply = Element.builder(original.name(), original.namespace())
                .attribute("to", original.attribute("from"))
                .attribute("from", original.attribute("to")) // a component's address answers for itself
                .attribute("id", original.attribute("id"))
                .attribute("type", "error")
                .child(error.toElement(original.namespace()))
                .build();
        return Stanza.of(reply).orElseThrow();
    }
}
