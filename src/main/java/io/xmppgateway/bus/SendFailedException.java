package io.xmppgateway.bus;

import java.util.Optional;

import io.vertx.core.eventbus.ReplyException;

/**
 * A send that failed, as its caller gets it from {@link OutboundStanzas}: the {@link SendFailure} the session decided,
 * and its detail. The API maps it through the failure's table row; nothing translates it on the way.
 */
public final class SendFailedException extends RuntimeException {

    private final SendFailure failure;
    private final String detail;

    public SendFailedException(SendFailure failure, String detail) {
        super(failure.summary() + " (" + detail + ")", null, false, false);
        this.failure = failure;
        this.detail = detail;
    }

    public SendFailure failure() {
        return failure;
    }

    /** What the session said about this stanza. */
    public String detail() {
        return detail;
    }

    /**
     * The typed form of a failed {@code xmpp.out} request: the session's own failure, or — when no session answered —
     * {@link SendFailure#NOT_CONNECTED} (no transport listens) or {@link SendFailure#TIMED_OUT} (the bus's safety
     * margin passed). Empty for a failure of another kind, such as a bug.
     */
    static Optional<SendFailedException> of(Throwable busFailure) {
        if (!(busFailure instanceof ReplyException reply)) {
            return Optional.empty();
        }
        return switch (reply.failureType()) {
            case RECIPIENT_FAILURE, ERROR -> SendFailure.ofCode(reply.failureCode())
                    .map(failure -> new SendFailedException(failure, reply.getMessage()));
            case NO_HANDLERS -> Optional.of(new SendFailedException(SendFailure.NOT_CONNECTED,
                    "no XMPP transport is running"));
            case TIMEOUT -> Optional.of(new SendFailedException(SendFailure.TIMED_OUT,
                    "the XMPP session did not answer, even well past the deadline"));
        };
    }
}
