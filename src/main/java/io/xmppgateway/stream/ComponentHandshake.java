package io.xmppgateway.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.vertx.core.Future;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * The component handshake (XEP-0114 §3): the component proves it knows the secret it shares with the server by
 * sending the lowercase hex SHA-1 of the stream id the server chose followed by the secret; the server answers with
 * an empty {@code <handshake/>} and from then on routes the component's whole domain to the stream.
 *
 * <pre>{@code
 * C: <stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'
 *         to='app.example.org'>
 * S: <stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'
 *         id='3BF96D32' from='app.example.org'>
 * C: <handshake>29cbccda5740e6072d51a50d70ff0b6e2485ee65</handshake>     (the secret is app-component-secret)
 * S: <handshake/>
 * }</pre>
 *
 * A server refuses with a stream error, which fails the handshake:
 * <ul>
 * <li>{@code not-authorized}, a wrong secret (XEP-0114 §3) — ejabberd also answers so for a domain it has no
 * component for — with {@link AuthenticationException}: trying again cannot succeed until someone fixes the
 * configuration, so the session must not retry in a storm;</li>
 * <li>{@code conflict}, another connection holds the domain (Prosody keeps one per domain), and
 * {@code host-unknown}, the server has no component of that name (Prosody says so in answer to the stream header),
 * with a {@link StreamErrorException} of that condition that says so;</li>
 * <li>any other as the server sent it.</li>
 * </ul>
 * The secret is never logged: the handshake is written with {@link XmppConnection#writeSecret}, and no message
 * holds it.
 */
final class ComponentHandshake {

    static final String ELEMENT = "handshake";

    private ComponentHandshake() {
    }

    /**
     * Authenticates the component stream whose server header is {@code serverHeader} (see
     * {@link XmppConnection#openComponentStream()}); completes when the server accepted it.
     */
    static Future<Void> authenticate(XmppConnection connection, Element serverHeader, String secret) {
        String streamId = serverHeader.attribute("id");
        Future<Void> answered;
        if (streamId == null || streamId.isEmpty()) {
            // A server that refuses the stream itself (host-unknown) opens its side without an id, the error next.
            answered = connection.next().compose(element -> Future.failedFuture(new NegotiationException(
                    "the server's component stream header has no id: there is nothing to hash the secret with")));
        } else {
            connection.writeSecret(Element.builder(ELEMENT, Stanza.COMPONENT_NAMESPACE)
                    .text(digest(streamId, secret))
                    .build());
            answered = connection.next().compose(answer -> answer.is(ELEMENT, Stanza.COMPONENT_NAMESPACE)
                    ? Future.succeededFuture()
                    : Future.failedFuture(new NegotiationException("unexpected <" + answer.name()
                            + "/> in answer to the component handshake")));
        }
        return answered.recover(failure -> Future.failedFuture(explain(failure, connection.domain())));
    }

    /** The handshake's content: SHA-1 of the stream id followed by the secret (UTF-8), in lowercase hex. */
    static String digest(String streamId, String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** What a stream error in answer to the handshake means for the component {@code domain}. */
    private static Throwable explain(Throwable failure, String domain) {
        if (!(failure instanceof StreamErrorException error)) {
            return failure;
        }
        String server = error.text() == null ? "" : " (the server says: " + error.text() + ")";
        return switch (error.condition()) {
            case NOT_AUTHORIZED -> new AuthenticationException("the server refused the handshake of component "
                    + domain + ": not-authorized, a wrong secret or a domain it has no component for" + server, error);
            case CONFLICT -> new StreamErrorException(StreamErrorCondition.CONFLICT,
                    "another connection already holds component " + domain + server);
            case HOST_UNKNOWN -> new StreamErrorException(StreamErrorCondition.HOST_UNKNOWN,
                    "the server has no component " + domain + server);
            default -> error;
        };
    }
}
