package io.xmppgateway.stanza;

/** A string that is not a valid JID under RFC 7622; the message says why. */
public class InvalidJidException extends IllegalArgumentException {
    private final String input;

    public InvalidJidException(String input, String reason) {
        super("invalid JID '" + input + "': " + reason);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
