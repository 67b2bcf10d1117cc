package io.xmppgateway.stream;

import io.vertx.core.Vertx;
import io.xmppgateway.config.XmppConfig;

/**
 * When to ask the server for an acknowledgement (XEP-0198 §4): after {@code ack-request-every} unacknowledged
 * stanzas or {@code ack-request-delay} after the first, whichever comes first; and how long to wait for it before
 * declaring the link dead ({@code ack-timeout}). Timers only; the session writes {@code <r/>} and reads
 * {@code <a/>}. Lives on the session's event loop.
 */
final class AckRequester {

    private final Vertx vertx;
    private final XmppConfig.StreamManagement config;
    private final Runnable writeRequest;
    private final Runnable onDead;
    private long delayTimer = -1;
    private long timeoutTimer = -1;

    AckRequester(Vertx vertx, XmppConfig.StreamManagement config, Runnable writeRequest, Runnable onDead) {
        this.vertx = vertx;
        this.config = config;
        this.writeRequest = writeRequest;
        this.onDead = onDead;
    }

    /** Stanzas are waiting for an acknowledgement: ask now, or soon. */
    void unacknowledged(int count) {
        if (count == 0) {
            return;
        }
        if (count % config.ackRequestEvery() == 0) {
            requestNow();
        } else if (delayTimer == -1) {
            delayTimer = vertx.setTimer(Math.max(1, config.ackRequestDelay().toMillis()), t -> {
                delayTimer = -1;
                requestNow();
            });
        }
    }

    /** Asks at once, and starts waiting for the answer. */
    void requestNow() {
        writeRequest.run();
        if (timeoutTimer == -1) {
            timeoutTimer = vertx.setTimer(Math.max(1, config.ackTimeout().toMillis()), t -> {
                timeoutTimer = -1;
                onDead.run();
            });
        }
    }

    /** An {@code <a/>} arrived: the link is alive. */
    void answered() {
        vertx.cancelTimer(timeoutTimer);
        timeoutTimer = -1;
    }

    void stop() {
        vertx.cancelTimer(delayTimer);
        vertx.cancelTimer(timeoutTimer);
        delayTimer = -1;
        timeoutTimer = -1;
    }
}
