package io.xmppgateway.quota;

/** A stanza is larger than the message size limit; nothing of the request was sent. */
public class MessageTooLargeException extends RuntimeException {

    private final long bytes;
    private final long limit;

    public MessageTooLargeException(long bytes, long limit) {
        super("the message is " + bytes + " bytes as XML; the limit is " + limit + " bytes");
        this.bytes = bytes;
        this.limit = limit;
    }

    public long bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
