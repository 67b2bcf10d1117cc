package io.xmppgateway.stanza;

/** Content that cannot be written as XML 1.0, or XML that may not be sent in an XMPP stream. */
public class InvalidXmlException extends IllegalArgumentException {
    public InvalidXmlException(String message) {
        super(message);
    }
}
