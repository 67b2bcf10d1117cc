package io.xmppgateway.bus;

import io.xmppgateway.stanza.Stanza;

/**
 * A stanza to send, with its wire form computed once: the size the quota filter measured is the size written.
 *
 * @param stanza the stanza
 * @param xml    its serialisation in the client stream's default namespace
 */
public record OutboundStanza(Stanza stanza, String xml) {

    public static OutboundStanza of(Stanza stanza) {
        return new OutboundStanza(stanza, stanza.toXml());
    }
}
