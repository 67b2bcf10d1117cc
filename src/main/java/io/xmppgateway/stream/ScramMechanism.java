package io.xmppgateway.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;

/**
 * SCRAM-SHA-256 / SCRAM-SHA-1 (RFC 5802, RFC 7677) with ongres scram-client, without channel binding. The server
 * proves it knows the password too: its signature in {@code <success/>} is verified.
 */
final class ScramMechanism implements SaslMechanism {

    static final List<String> NAMES = List.of("SCRAM-SHA-256", "SCRAM-SHA-1");

    private final ScramClient client;
    private int step;

    ScramMechanism(String mechanism, String username, String password) {
        this.client = ScramClient.builder()
                .advertisedMechanisms(List.of(mechanism))
                .username(username)
                .password(password.toCharArray())
                .build();
    }

    @Override
    public String name() {
        return client.getScramMechanism().getName();
    }

    @Override
    public byte[] initialResponse() {
        return client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        if (step++ > 0) {
            throw new AuthenticationException("unexpected second SCRAM challenge");
        }
        try {
            client.serverFirstMessage(new String(challenge, StandardCharsets.UTF_8));
            return client.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
        } catch (ScramException e) {
            throw new AuthenticationException("invalid SCRAM challenge from the server: " + e.getMessage(), e);
        }
    }

    @Override
    public void verifySuccess(byte[] additionalData) {
        try {
            client.serverFinalMessage(new String(additionalData, StandardCharsets.UTF_8));
        } catch (ScramException e) {
            throw new AuthenticationException("the server failed to prove it knows the password: " + e.getMessage(), e);
        }
    }
}
