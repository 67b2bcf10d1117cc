package io.xmppgateway.xep0030;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.stanza.Element;

/** XEP-0030 disco#items: the gateway hosts no items, and says so with an empty list. */
@ApplicationScoped
@IqHandler(namespace = DiscoItemsHandler.NAMESPACE)
public class DiscoItemsHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/disco#items";
    public static final String ELEMENT = "query";

    @OnGet
    Uni<Element> items(Element query) {
        return Uni.createFrom().item(Element.builder(ELEMENT, NAMESPACE).attribute("node", query.attribute("node"))
                .build());
    }
}
