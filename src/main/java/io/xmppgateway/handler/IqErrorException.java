package io.xmppgateway.handler;

import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.StanzaError;

/** The peer answered an IQ with an error (slixmpp's {@code IqError}): its condition, type, text and stanza. */
public class IqErrorException extends XmppException {

    private final StanzaError error;
    private final Iq stanza;

    public IqErrorException(Iq stanza) {
        this(stanza, stanza.error().orElse(StanzaError.of(StanzaError.Condition.UNDEFINED_CONDITION)));
    }

    private IqErrorException(Iq stanza, StanzaError error) {
        super("IQ error " + error.condition().wireName() + " (" + error.type().wireName() + ")"
                + error.text().map(t -> ": " + t).orElse(""));
        this.error = error;
        this.stanza = stanza;
    }

    public StanzaError.Condition condition() {
        return error.condition();
    }

    public StanzaError.Type type() {
        return error.type();
    }

    public StanzaError error() {
        return error;
    }

    /** The error stanza as received. */
    public Iq stanza() {
        return stanza;
    }
}
