package io.xmppgateway.roster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnSet;
import io.xmppgateway.handler.XmppErrorException;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.StanzaError;

/**
 * Acknowledges roster pushes (RFC 6121 §2.1.6), which the server sends when a subscription changes; the roster
 * itself stays on the server. A push from anyone but the server or the account itself is refused (§2.1.6: it
 * would be an attack).
 *
 * <pre>{@code
 * S: <iq type='set' id='push1'><query xmlns='jabber:iq:roster'><item jid='juliet@example.org' subscription='both'/></query></iq>
 * C: <iq type='result' id='push1'/>
 * }</pre>
 */
@ApplicationScoped
@IqHandler(namespace = RosterPushHandler.NAMESPACE)
public class RosterPushHandler {

    public static final String NAMESPACE = "jabber:iq:roster";

    @Inject
    XmppConfig config;

    @OnSet
    Uni<Element> push(Jid from) {
        if (from != null && config.jid().map(own -> !Jid.of(own).bare().equals(from.bare())).orElse(true)) {
            throw new XmppErrorException(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
        }
        return Uni.createFrom().nullItem();
    }
}
