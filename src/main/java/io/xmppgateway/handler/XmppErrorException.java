package io.xmppgateway.handler;

import io.xmppgateway.stanza.StanzaError;

/** Thrown by a handler to answer with a stanza error (RFC 6120 §8.3) instead of a result. */
public class XmppErrorException extends XmppException {

    private final StanzaError error;

    public XmppErrorException(StanzaError.Condition condition, String text) {
        this(StanzaError.of(condition, text));
    }

    public XmppErrorException(StanzaError error) {
        super(error.condition().wireName() + error.text().map(t -> ": " + t).orElse(""));
        this.error = error;
    }

    public StanzaError error() {
        return error;
    }
}
