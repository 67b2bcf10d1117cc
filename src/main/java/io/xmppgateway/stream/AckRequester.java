package io.xmppgateway.stream;

import io.vertx.core.Vertx;
import io.xmppgateway.config.XmppConfig;

/**
 * When to ask the server for an acknowledgement (XEP-0198 §4). A batch of stanzas going out carries an
 * {@code <r/>} unless one is already on its way; when its {@code <a/>} comes back and more stanzas went out
 * meanwhile, the next {@code <r/>} follows at once. So a lone stanza is acknowledged after one round trip, and
 * under load one acknowledgement covers everything written during the previous round trip. A further
 * {@code <r/>} goes out after {@code ack-request-every} stanzas even while one is outstanding, to keep the
 * unacknowledged window small on a slow link. No answer within {@code ack-timeout} means a dead link.
 * Lives on the session's event loop.
 */
final class AckRequester {

    private final Vertx vertx;
    private final XmppConfig.StreamManagement config;
    private final Runnable writeRequest;
    private final Runnable onDead;
    private int writtenSinceRequest;
    private boolean outstanding;
    private boolean paused;
    private long timeoutTimer = -1;

    AckRequester(Vertx vertx, XmppConfig.StreamManagement config, Runnable writeRequest, Runnable onDead) {
        this.vertx = vertx;
        this.config = config;
        this.writeRequest = writeRequest;
        this.onDead = onDead;
    }

    /** A counted stanza was written. */
    void written() {
        writtenSinceRequest++;
    }

    /** A batch is about to go out: ask for its acknowledgement, unless an answer is already on its way. */
    void beforeFlush() {
        if (writtenSinceRequest > 0 && (!outstanding || writtenSinceRequest >= config.ackRequestEvery())) {
            requestNow();
        }
    }

    /** Asks at once, and starts waiting for the answer. */
    void requestNow() {
        writeRequest.run();
        writtenSinceRequest = 0;
        outstanding = true;
        awaitAnswer();
    }

    private void awaitAnswer() {
        if (timeoutTimer == -1 && !paused) {
            timeoutTimer = vertx.setTimer(Math.max(1, config.ackTimeout().toMillis()), t -> {
                timeoutTimer = -1;
                onDead.run();
            });
        }
    }

    /** The session stopped reading from the server: an answer cannot be seen, so its absence means nothing. */
    void pause() {
        paused = true;
        vertx.cancelTimer(timeoutTimer);
        timeoutTimer = -1;
    }

    /** Reading goes on: an outstanding request gets a full {@code ack-timeout} again. */
    void resume() {
        paused = false;
        if (outstanding) {
            awaitAnswer();
        }
    }

    /** An {@code <a/>} arrived: the link is alive; ask again if more went out since the last request. */
    void answered() {
        vertx.cancelTimer(timeoutTimer);
        timeoutTimer = -1;
        outstanding = false;
        if (writtenSinceRequest > 0) {
            requestNow();
        }
    }

    /** The stream ended: nothing is outstanding on the next one. */
    void stop() {
        vertx.cancelTimer(timeoutTimer);
        timeoutTimer = -1;
        outstanding = false;
        paused = false;
        writtenSinceRequest = 0;
    }
}
