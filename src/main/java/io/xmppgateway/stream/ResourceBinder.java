package io.xmppgateway.stream;

import io.vertx.core.Future;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Stanza;

/**
 * Resource binding (RFC 6120 §7), and the legacy session establishment of RFC 3921 when a server still
 * requires it.
 *
 * <pre>{@code
 * C: <iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bot</resource></bind></iq>
 * S: <iq type='result' id='bind-1'><bind xmlns='…'><jid>bot@example.org/bot</jid></bind></iq>
 * }</pre>
 */
final class ResourceBinder {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-session";

    private ResourceBinder() {
    }

    /** Binds {@code resource} and answers the full JID the server assigned. */
    static Future<Jid> bind(XmppConnection connection, Element features, String resource) {
        if (features.child("bind", NAMESPACE).isEmpty()) {
            return Future.failedFuture(new NegotiationException("the server does not offer resource binding"));
        }
        Iq request = Iq.builder(IqType.SET).id("bind-1")
                .child(Element.builder("bind", NAMESPACE).textChild("resource", resource).build())
                .build();
        return exchange(connection, request).compose(result -> {
            Jid bound;
            try {
                bound = result.payload()
                        .flatMap(bind -> bind.childText("jid", NAMESPACE))
                        .map(jid -> Jid.of(jid.strip()))
                        .orElseThrow(() -> new NegotiationException("the bind result carries no <jid/>"));
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            boolean sessionRequired = features.child("session", SESSION_NAMESPACE)
                    .map(session -> session.child("optional", SESSION_NAMESPACE).isEmpty())
                    .orElse(false);
            if (!sessionRequired) {
                return Future.succeededFuture(bound);
            }
            Iq session = Iq.builder(IqType.SET).id("session-1")
                    .child(Element.empty("session", SESSION_NAMESPACE)).build();
            return exchange(connection, session).map(bound);
        });
    }

    private static Future<Iq> exchange(XmppConnection connection, Iq request) {
        connection.write(request.element());
        return connection.next().compose(answer -> {
            var response = Stanza.of(answer);
            if (response.isEmpty() || !(response.get() instanceof Iq iq)
                    || !iq.id().equals(request.id())) {
                return Future.failedFuture(new NegotiationException("unexpected <" + answer.name()
                        + "/> while waiting for the answer to " + request.id().orElseThrow()));
            }
            if (iq.type().orElse(IqType.ERROR) != IqType.RESULT) {
                String condition = iq.error().map(e -> e.condition().wireName()).orElse("error");
                return Future.failedFuture(new NegotiationException(request.id().orElseThrow()
                        + " refused by the server: " + condition));
            }
            return Future.succeededFuture(iq);
        });
    }
}
