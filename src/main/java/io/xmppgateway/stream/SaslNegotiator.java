package io.xmppgateway.stream;

import java.util.Base64;
import java.util.List;

import io.vertx.core.Future;
import io.xmppgateway.stanza.Element;

/**
 * SASL authentication (RFC 6120 §6): picks SCRAM-SHA-256, then SCRAM-SHA-1, then — only over TLS — PLAIN, and runs
 * the exchange.
 *
 * <pre>{@code
 * C: <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>biws…</auth>
 * S: <challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1…</challenge>
 * C: <response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>Yz1…</response>
 * S: <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1…</success>
 * }</pre>
 */
final class SaslNegotiator {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";

    private SaslNegotiator() {
    }

    /** Authenticates and answers the mechanism used; fails with {@link AuthenticationException} when refused. */
    static Future<String> authenticate(XmppConnection connection, Element features, String username, String password) {
        List<String> offered = features.child("mechanisms", NAMESPACE)
                .map(mechanisms -> mechanisms.elements().stream()
                        .filter(e -> e.is("mechanism", NAMESPACE))
                        .map(e -> e.text().strip())
                        .toList())
                .orElse(List.of());
        SaslMechanism mechanism;
        try {
            mechanism = choose(offered, connection.isSecure(), username, password);
        } catch (AuthenticationException e) {
            return Future.failedFuture(e);
        }
        connection.write(Element.builder("auth", NAMESPACE)
                .attribute("mechanism", mechanism.name())
                .text(encode(mechanism.initialResponse()))
                .build());
        return exchange(connection, mechanism).map(mechanism.name());
    }

    static SaslMechanism choose(List<String> offered, boolean secure, String username, String password) {
        for (String scram : ScramMechanism.NAMES) {
            if (offered.contains(scram)) {
                return new ScramMechanism(scram, username, password);
            }
        }
        if (offered.contains(PlainMechanism.NAME)) {
            if (!secure) {
                throw new AuthenticationException("the server offers only PLAIN on an unencrypted stream " + offered
                        + "; refusing to send the password in the clear");
            }
            return new PlainMechanism(username, password);
        }
        throw new AuthenticationException("no SASL mechanism in common: the server offers " + offered
                + ", the gateway supports " + ScramMechanism.NAMES + " and PLAIN over TLS");
    }

    private static Future<Void> exchange(XmppConnection connection, SaslMechanism mechanism) {
        return connection.next().compose(answer -> {
            if (!answer.namespace().equals(NAMESPACE)) {
                return Future.failedFuture(new NegotiationException("unexpected <" + answer.name() + "/> during SASL"));
            }
            try {
                switch (answer.name()) {
                    case "challenge" -> {
                        byte[] response;
                        try {
                            response = mechanism.evaluateChallenge(decode(answer.text()));
                        } catch (AuthenticationException e) {
                            connection.write(Element.empty("abort", NAMESPACE));
                            throw e;
                        }
                        connection.write(Element.builder("response", NAMESPACE).text(encode(response)).build());
                        return exchange(connection, mechanism);
                    }
                    case "success" -> {
                        mechanism.verifySuccess(decode(answer.text()));
                        return Future.succeededFuture();
                    }
                    case "failure" -> {
                        return Future.failedFuture(new AuthenticationException(describeFailure(answer, mechanism)));
                    }
                    default -> {
                        return Future.failedFuture(new NegotiationException("unexpected <" + answer.name()
                                + "/> during SASL"));
                    }
                }
            } catch (AuthenticationException e) {
                return Future.failedFuture(e);
            }
        });
    }

    /** E.g. {@code SCRAM-SHA-256 authentication failed: not-authorized (Unable to authorize you …)}. */
    private static String describeFailure(Element failure, SaslMechanism mechanism) {
        String condition = failure.elements().stream()
                .filter(e -> !e.name().equals("text"))
                .map(Element::name)
                .findFirst().orElse("failure");
        String text = failure.childText("text", NAMESPACE).map(t -> " (" + t + ")").orElse("");
        return mechanism.name() + " authentication failed: " + condition + text;
    }

    /** RFC 6120 §6.4.2: empty data is sent as {@code =}. */
    private static String encode(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    private static byte[] decode(String text) {
        String data = text.strip();
        try {
            return data.isEmpty() || data.equals("=") ? new byte[0] : Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the server sent invalid base64 during SASL");
        }
    }
}
