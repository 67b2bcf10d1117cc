package io.xmppgateway.stream;

import org.jboss.logging.Logger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.Message;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.stanza.Stanza;

/**
 * The {@code log} transport, App Engine's development-server behaviour: every outbound stanza is printed — to,
 * from, type, body and the XML — and nothing is sent. Used when no {@code xmpp.jid} is configured.
 */
public final class LogTransportVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(LogTransportVerticle.class);

    private final SessionStatus status;

    public LogTransportVerticle(SessionStatus status) {
        this.status = status;
    }

    @Override
    public void start() {
        vertx.eventBus().consumer(Addresses.OUT, this::print);
        status.logOnly();
        LOG.info("XMPP transport 'log': outbound stanzas are printed, not sent (set xmpp.jid to connect to a server)");
    }

    private void print(Message<OutboundStanza> request) {
        Stanza stanza = request.body().stanza();
        String body = stanza instanceof io.xmppgateway.stanza.Message message ? message.body().orElse("") : "";
        LOG.infof("Would send %s to=%s from=%s type=%s body=\"%s\"%n%s",
                stanza.element().name(),
                stanza.element().attribute("to"),
                stanza.element().attribute("from") == null ? "(the gateway's JID)" : stanza.element().attribute("from"),
                stanza.element().attribute("type") == null ? "(none)" : stanza.element().attribute("type"),
                body,
                request.body().xml());
        request.reply(new SendReceipt(stanza.id().orElse(null)));
    }

    @Override
    public void stop() {
        status.stopped();
    }
}
