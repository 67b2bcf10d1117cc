package io.xmppgateway.stream;

import io.vertx.core.Future;
import io.xmppgateway.stanza.Element;

/**
 * The XEP-0198 exchanges of stream negotiation: enabling acknowledgements with resumption, and resuming a
 * previous stream.
 *
 * <pre>{@code
 * C: <enable xmlns='urn:xmpp:sm:3' resume='true'/>         C: <resume xmlns='urn:xmpp:sm:3' previd='some-id' h='12'/>
 * S: <enabled xmlns='urn:xmpp:sm:3' id='some-id' resume='true'/>   S: <resumed xmlns='urn:xmpp:sm:3' previd='some-id' h='40'/>
 * }</pre>
 */
final class SmNegotiator {

    private SmNegotiator() {
    }

    static boolean offered(Element features) {
        return features.child("sm", StreamManagement.NAMESPACE).isPresent();
    }

    /** Sends {@code <enable/>}; on {@code <enabled/>} the state starts a new session, on {@code <failed/>} nothing. */
    static Future<Boolean> enable(XmppConnection connection, StreamManagement sm) {
        connection.write(Element.builder("enable", StreamManagement.NAMESPACE).attribute("resume", "true").build());
        return connection.next().map(answer -> {
            if (answer.is("enabled", StreamManagement.NAMESPACE)) {
                boolean resumable = "true".equals(answer.attribute("resume")) || "1".equals(answer.attribute("resume"));
                sm.enable(answer.attribute("id"), resumable, answer.attribute("location"));
                connection.countFromHere();
                return true;
            }
            return false;
        });
    }

    /**
     * Sends {@code <resume/>} for the stream {@code previd}, of which {@code h} stanzas were handled: answers the
     * server's {@code <resumed/>} or {@code <failed/>} element (both may carry {@code h}).
     */
    static Future<Element> resume(XmppConnection connection, String previd, long h) {
        connection.write(Element.builder("resume", StreamManagement.NAMESPACE)
                .attribute("previd", previd)
                .attribute("h", h)
                .build());
        return connection.next().compose(answer -> answer.namespace().equals(StreamManagement.NAMESPACE)
                ? Future.succeededFuture(answer)
                : Future.failedFuture(new NegotiationException("unexpected <" + answer.name() + "/> after <resume/>")));
    }
}
