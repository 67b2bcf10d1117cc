package io.xmppgateway.handler;

import java.time.Duration;

/** No answer to an IQ within its timeout (slixmpp's {@code IqTimeout}); a late answer is dropped. */
public class IqTimeoutException extends XmppException {

    private final Duration timeout;

    public IqTimeoutException(String id, Duration timeout) {
        super("no answer to IQ " + id + " within " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
