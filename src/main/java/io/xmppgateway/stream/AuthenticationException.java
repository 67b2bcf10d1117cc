package io.xmppgateway.stream;

/**
 * The server refused the gateway's credentials (RFC 6120 §6.5), or no mechanism both sides accept exists. The
 * session stops retrying: hammering a server with a wrong password only gets the account locked.
 */
public class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
