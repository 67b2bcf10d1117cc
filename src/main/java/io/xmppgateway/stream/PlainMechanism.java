package io.xmppgateway.stream;

import java.nio.charset.StandardCharsets;

/** SASL PLAIN (RFC 4616): the password in the clear, so only ever offered over TLS. */
final class PlainMechanism implements SaslMechanism {

    static final String NAME = "PLAIN";

    private final String username;
    private final String password;

    PlainMechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] initialResponse() {
        return ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        throw new AuthenticationException("unexpected SASL challenge for PLAIN");
    }

    @Override
    public void verifySuccess(byte[] additionalData) {
    }
}
