package io.xmppgateway.stanza;

/**
 * A stream-level error (RFC 6120 §4.9): raised by the decoder for input that breaks the stream's rules, and by
 * the session for a {@code <stream:error/>} received from the server.
 */
public class StreamErrorException extends Exception {

    private final StreamErrorCondition condition;
    private final String text;

    public StreamErrorException(StreamErrorCondition condition, String text) {
        super(condition.wireName() + (text == null ? "" : ": " + text));
        this.condition = condition;
        this.text = text;
    }

    public StreamErrorCondition condition() {
        return condition;
    }

    /** The explanation, or the element's character data for {@code see-other-host}; may be {@code null}. */
    public String text() {
        return text;
    }
}
