package io.xmppgateway.xep0199;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.stanza.Element;

/**
 * XEP-0199 Ping: answers with an empty result.
 *
 * <pre>{@code
 * <iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>  →  <iq type='result' id='p1'/>
 * }</pre>
 */
@ApplicationScoped
@IqHandler(namespace = PingHandler.NAMESPACE)
public class PingHandler {

    public static final String NAMESPACE = "urn:xmpp:ping";
    public static final String ELEMENT = "ping";

    @OnGet
    Uni<Element> ping() {
        return Uni.createFrom().nullItem();
    }
}
