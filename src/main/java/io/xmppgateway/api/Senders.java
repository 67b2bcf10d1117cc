package io.xmppgateway.api;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stream.TransportLauncher;

/**
 * Decides the {@code from} of what a caller sends (App Engine's rules): the gateway's own JID by default, and a bare
 * {@code from} gets the session's resource ({@code bot}). A client session can only send as its own account, so
 * there any other sender is refused; a component sends from any address in its domain
 * ({@code xmpp.component.default-sender} by default) and refuses any other; the {@code log} transport prints whatever
 * sender it is given.
 */
@ApplicationScoped
public class Senders {

    @Inject
    XmppConfig xmpp;

    @Inject
    TransportLauncher transport;

    private Optional<Jid> own;
    private Optional<ComponentAddresses> component = Optional.empty();

    @PostConstruct
    void init() {
        if (transport.transport() == XmppConfig.Transport.COMPONENT) {
            component = Optional.of(ComponentAddresses.of(xmpp));
            own = component.map(ComponentAddresses::defaultSender);
        } else {
            own = xmpp.jid().map(value -> Jid.of(value).bare().withResource(xmpp.resource()));
        }
    }

    /** The sender for a request's {@code from} (may be {@code null}); empty when the gateway has no JID at all. */
    public Optional<Jid> resolve(String from) {
        if (from == null) {
            return own;
        }
        Jid requested;
        try {
            requested = Jid.of(from);
        } catch (InvalidJidException e) {
            throw ApiException.badRequest("invalid_from", e.getMessage());
        }
        if (requested.local().isEmpty()) {
            throw ApiException.badRequest("invalid_from", "'from' must be an account such as bot@example.org");
        }
        Jid sender = requested.isBare() ? requested.withResource(xmpp.resource()) : requested;
        if (component.isPresent() && !component.get().contains(sender)) {
            throw ApiException.badRequest("invalid_from", "this gateway is the component "
                    + component.get().domain() + ": it sends from addresses in that domain, not as " + sender);
        }
        if (transport.transport() == XmppConfig.Transport.CLIENT && !own.map(sender::equals).orElse(false)) {
            throw ApiException.badRequest("invalid_from", "this gateway can only send as " + own.orElseThrow()
                    + " (its XMPP session), not as " + sender);
        }
        return Optional.of(sender);
    }

    /**
     * The sender of a subscription stanza or a probe for a request's {@code from}: a component's bare address (RFC
     * 6121 §3.1.1: subscriptions are between bare JIDs, and nobody else stamps it); in client mode the same as
     * {@link #resolve}, whose server stamps the account's bare JID itself.
     */
    public Optional<Jid> account(String from) {
        Optional<Jid> sender = resolve(from);
        return component.isPresent() ? sender.map(Jid::bare) : sender;
    }
}
