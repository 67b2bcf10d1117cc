package io.xmppgateway.xep0030;

import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.dispatch.Handlers;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;

/**
 * XEP-0030 disco#info: the gateway is a bot client ({@code xmpp.disco.identity}), and its features are the namespace
 * of every IQ handler — the built-in ones and the application's — found automatically. A component answers for each
 * address of its domain the same way, and for the domain itself with {@code xmpp.disco.domain-identity}.
 *
 * <pre>{@code
 * <iq type='result' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'>
 *   <identity category='client' type='bot' name='XMPP Gateway'/>
 *   <feature var='http://jabber.org/protocol/disco#info'/> <feature var='urn:xmpp:ping'/> …
 * </query></iq>
 * }</pre>
 */
@ApplicationScoped
@IqHandler(namespace = DiscoInfoHandler.NAMESPACE)
public class DiscoInfoHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
    public static final String ELEMENT = "query";

    @Inject
    Handlers handlers;

    @Inject
    XmppConfig xmpp;

    @OnGet
    Uni<Element> info(Iq request, Element query) {
        boolean toDomain = xmpp.transport().filter(transport -> transport == XmppConfig.Transport.COMPONENT).isPresent()
                && request.to().filter(to -> to.local().isEmpty()).isPresent();
        String[] identity = (toDomain ? xmpp.disco().domainIdentity() : xmpp.disco().identity()).split("/", 2);
        Element.Builder info = Element.builder(ELEMENT, NAMESPACE)
                .attribute("node", query.attribute("node"))
                .child(Element.builder("identity", NAMESPACE).attribute("category", identity[0])
                        .attribute("type", identity[1]).attribute("name", xmpp.disco().name()).build());
        for (String feature : new TreeSet<>(handlers.iqNamespaces())) {
            info.child(Element.builder("feature", NAMESPACE).attribute("var", feature).build());
        }
        return Uni.createFrom().item(info.build());
    }
}
