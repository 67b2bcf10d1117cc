package io.xmppgateway.bus;

import java.util.Optional;

import io.vertx.core.eventbus.Message;

/**
 * Why a send failed: the fate a sender of an {@link OutboundStanza} gets in place of a {@link SendReceipt}, decided
 * by the session and carried unchanged to the edge ({@link SendFailedException}). This is the one table from outcome
 * to what callers see — HTTP status and error code (the API's exception mapper, {@code /v1/iq}), metric tag
 * ({@link SendOutcomes}) — and whether the caller should retry the call. It lives here, not in {@code api}, because
 * the metrics count sends where they leave for the transport; the statuses are plain numbers.
 *
 * <p>A {@link #retryable() retryable} failure of a send to several recipients fails the whole call when nothing
 * else went out; the others only mark their recipient's row {@code OTHER_ERROR}.
 */
public enum SendFailure {

    /** No XMPP session, and none is coming (the login was refused, or no transport runs): nothing was sent. */
    NOT_CONNECTED(503, "xmpp_unavailable", "not_connected", true,
            "the gateway is not connected to its XMPP server; nothing was sent, retry later"),

    /** It waited for a session until its deadline, and none came up: it was never written, and never will be. */
    NOT_SENT(503, "xmpp_unavailable", "not_sent", true,
            "the gateway had no XMPP session before the deadline; nothing was sent, retry later"),

    /** Too many stanzas already wait for the server's acknowledgement (or, for IQs, for an answer). */
    QUEUE_FULL(503, "queue_full", "queue_full", true,
            "too many stanzas are waiting for the XMPP server; nothing was sent, retry later"),

    /** Written, but not acknowledged by the server before its deadline: it may or may not have arrived. */
    TIMED_OUT(504, "send_timeout", "timed_out", true,
            "the XMPP server did not acknowledge the stanza in time; it may or may not have arrived: retry with the "
                    + "same Idempotency-Key"),

    /** The server ended the stream over this stanza twice: it is not resent again (quarantined). */
    REJECTED(502, "stanza_rejected", "rejected", false,
            "the XMPP server ended the stream over this stanza twice; it was not resent"),

    /**
     * The connection broke before the stanza was written ({@code gateway.send-ack=written}): its batch never
     * reached the socket, and it is not resent.
     */
    WRITE_FAILED(503, "xmpp_unavailable", "write_failed", true,
            "the connection to the XMPP server broke before the stanza was written; nothing was sent, retry later"),

    /** The gateway is shutting down: new sends are refused, unacknowledged ones fail. */
    SHUTTING_DOWN(503, "xmpp_unavailable", "shutting_down", true,
            "the gateway is shutting down; retry against another replica or after the restart");

    private final int httpStatus;
    private final String errorCode;
    private final String metricTag;
    private final boolean retryable;
    private final String summary;

    SendFailure(int httpStatus, String errorCode, String metricTag, boolean retryable, String summary) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.metricTag = metricTag;
        this.retryable = retryable;
        this.summary = summary;
    }

    /** The HTTP status the API answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The stable {@code error} code of the API's JSON error. */
    public String errorCode() {
        return errorCode;
    }

    /** The {@code outcome} tag of {@code gateway.sends}. */
    public String metricTag() {
        return metricTag;
    }

    /** Whether the caller should retry the call (it fails whole when nothing else went out). */
    public boolean retryable() {
        return retryable;
    }

    /** What the caller is told, before the session's detail. */
    public String summary() {
        return summary;
    }

    /**
     * Bus failure codes are {@code BUS_CODES + ordinal}: within one process both ends share this enum, and the
     * offset keeps them clear of the small codes other consumers fail requests with.
     */
    private static final int BUS_CODES = 7_000;

    /** Answers a send request with this failure. */
    public void reply(Message<?> request, String detail) {
        request.fail(busCode(), detail);
    }

    /** The failure code a send request is failed with on the bus. */
    public int busCode() {
        return BUS_CODES + ordinal();
    }

    /** The failure a bus failure code stands for, if it is one of ours. */
    static Optional<SendFailure> ofCode(int code) {
        SendFailure[] all = values();
        int index = code - BUS_CODES;
        return index >= 0 && index < all.length ? Optional.of(all[index]) : Optional.empty();
    }
}
