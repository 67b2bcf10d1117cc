package io.xmppgateway.stream;

import io.vertx.core.Future;
import io.xmppgateway.config.XmppConfig.TlsMode;
import io.xmppgateway.stanza.Element;

/**
 * STARTTLS (RFC 6120 §5). In {@code starttls} mode a server that does not offer it is refused rather than
 * talked to in the clear.
 *
 * <pre>{@code
 * C: <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
 * S: <proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
 * }</pre>
 */
final class StartTlsNegotiator {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-tls";

    private StartTlsNegotiator() {
    }

    /** Secures the stream as the mode asks and answers the features of the (possibly restarted) stream. */
    static Future<Element> negotiate(XmppConnection connection, Element features, TlsMode mode) {
        var offer = features.child("starttls", NAMESPACE);
        switch (mode) {
            case DIRECT:
                return Future.succeededFuture(features);
            case NONE:
                if (offer.flatMap(starttls -> starttls.child("required", NAMESPACE)).isPresent()) {
                    return Future.failedFuture(new NegotiationException(
                            "the server requires TLS but xmpp.tls is 'none'"));
                }
                return Future.succeededFuture(features);
            case STARTTLS:
            default:
                if (offer.isEmpty()) {
                    return Future.failedFuture(new NegotiationException(
                            "the server does not offer STARTTLS; refusing to continue unencrypted "
                                    + "(set xmpp.tls=none only for a server on the same host)"));
                }
                connection.write(Element.empty("starttls", NAMESPACE));
                return connection.next().compose(answer -> {
                    if (!answer.is("proceed", NAMESPACE)) {
                        return Future.failedFuture(new NegotiationException("the server refused STARTTLS: <"
                                + answer.name() + "/>"));
                    }
                    return connection.upgradeToTls()
                            .recover(e -> Future.failedFuture(new TlsException(e)))
                            .compose(v -> connection.restartStream());
                });
        }
    }
}
