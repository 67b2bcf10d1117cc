package io.xmppgateway.bus;

import java.util.OptionalLong;

import io.xmppgateway.stanza.Stanza;

/**
 * A stanza to send, with its wire form computed once: the size the quota filter measured is the size written.
 *
 * @param stanza        the stanza
 * @param xml           its serialisation in the client stream's default namespace
 * @param wireBytes     the length of {@code xml} in UTF-8, what the size limits measure
 * @param deadlineNanos the {@link System#nanoTime()} by which the session must have sent it and had it acknowledged,
 *                      or failed it to its caller; empty until {@link OutboundStanzas} sends it (then
 *                      {@code gateway.send-timeout} from then, unless the caller set one, as an IQ does)
 */
public record OutboundStanza(Stanza stanza, String xml, int wireBytes, OptionalLong deadlineNanos) {

    /**
     * Serializes the stanza.
     *
     * @throws io.xmppgateway.stanza.InvalidXmlException it holds characters XML 1.0 cannot carry
     */
    public static OutboundStanza of(Stanza stanza) {
        String xml = stanza.toXml();
        return new OutboundStanza(stanza, xml, utf8Length(xml), OptionalLong.empty());
    }

    /** The same stanza, to be sent (and acknowledged) by {@code deadlineNanos} or failed. */
    public OutboundStanza withDeadline(long deadlineNanos) {
        return new OutboundStanza(stanza, xml, wireBytes, OptionalLong.of(deadlineNanos));
    }

    /** The UTF-8 length without encoding: the size limits are in bytes, and escaping grows text. */
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
