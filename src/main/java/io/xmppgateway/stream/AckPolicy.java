package io.xmppgateway.stream;

import java.time.Duration;

/**
 * When the session answers a send request.
 *
 * @param serverAck   answer once the server acknowledged the stanza (XEP-0198), not once it is written
 * @param sendTimeout how long a request may wait for that, reconnects included
 */
public record AckPolicy(boolean serverAck, Duration sendTimeout) {

    /** The default: acknowledged by the server within 30 s. */
    public static AckPolicy defaults() {
        return new AckPolicy(true, Duration.ofSeconds(30));
    }
}
