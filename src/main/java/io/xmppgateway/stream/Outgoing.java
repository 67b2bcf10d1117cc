package io.xmppgateway.stream;

import io.vertx.core.eventbus.Message;
import io.xmppgateway.bus.OutboundStanza;

/**
 * A stanza on its way, and the send request waiting for its fate ({@code null} for the session's own stanzas:
 * roster fetch, presence, keepalive pings). Its caller hears once, at the latest at its deadline; a stanza whose
 * caller was told it failed ({@link #abandoned()}) is never written again.
 */
final class Outgoing {
    private final OutboundStanza stanza;
    private final Message<OutboundStanza> request;
    private final long deadlineNanos;
    private boolean written;
    private boolean answered;
    private boolean abandoned;
    private long timer = -1;

    Outgoing(OutboundStanza stanza, Message<OutboundStanza> request, long deadlineNanos) {
        this.stanza = stanza;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
    }

    OutboundStanza stanza() {
        return stanza;
    }

    Message<OutboundStanza> request() {
        return request;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    boolean expired(long now) {
        return request != null && now - deadlineNanos > 0;
    }

    /** Whether it was ever written, on this stream or an earlier one: it may have arrived. */
    boolean written() {
        return written;
    }

    void markWritten() {
        written = true;
    }

    /** Whether its caller already heard its fate. */
    boolean answered() {
        return answered;
    }

    /** Whether its caller was told it failed (its deadline passed, …): it must not go out any more. */
    boolean abandoned() {
        return abandoned;
    }

    /** Marks its caller answered, with a failure or not; the deadline timer to cancel, or -1. */
    long markAnswered(boolean failed) {
        answered = true;
        abandoned = failed;
        long pending = timer;
        timer = -1;
        return pending;
    }

    /** The timer that fails it at its deadline. */
    void deadlineTimer(long timer) {
        this.timer = timer;
    }
}
