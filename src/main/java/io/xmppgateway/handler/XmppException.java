package io.xmppgateway.handler;

/** Base of the gateway's XMPP failures (slixmpp's {@code XMPPError}): catch it to handle errors and timeouts alike. */
public class XmppException extends RuntimeException {
    public XmppException(String message) {
        super(message);
    }
}
