package io.xmppgateway.config;

import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.Jid;

/**
 * Who a component is (App Engine's addressing, XEP-0114): its domain, every address in which it may send from and
 * receives on; the sender of what the app sends without a {@code from}; and the server's own domain.
 *
 * @param domain        {@code xmpp.component.domain}, e.g. {@code app.example.org}
 * @param defaultSender {@code xmpp.component.default-sender}, by default {@code app@<domain>/bot}
 * @param serverDomain  {@code xmpp.component.server-domain}, by default the domain without its first label
 */
public record ComponentAddresses(Jid domain, Jid defaultSender, Jid serverDomain) {

    /**
     * From the configuration, checked.
     *
     * @throws IllegalStateException a setting is missing or wrong, with a message that names it
     */
    public static ComponentAddresses of(XmppConfig config) {
        String name = config.component().domain().orElseThrow(() -> new IllegalStateException(
                "xmpp.transport=component needs xmpp.component.domain (the component's domain, e.g. app.example.org)"));
        Jid domain = parse("xmpp.component.domain", name);
        if (domain.local().isPresent() || !domain.isBare()) {
            throw new IllegalStateException("xmpp.component.domain must be a domain such as app.example.org, not "
                    + name);
        }
        Jid sender = parse("xmpp.component.default-sender",
                config.component().defaultSender().orElse("app@" + domain));
        if (sender.local().isEmpty() || !sender.domain().equals(domain.domain())) {
            throw new IllegalStateException("xmpp.component.default-sender must be an address in " + domain
                    + " such as app@" + domain + ", not " + sender);
        }
        if (sender.isBare()) {
            sender = sender.withResource(config.resource());
        }
        String server = config.component().serverDomain().orElseGet(() -> {
            int dot = domain.domain().indexOf('.');
            if (dot < 0) {
                throw new IllegalStateException("xmpp.component.server-domain is not set and " + domain
                        + " has no parent domain to ping: set it to the server's domain");
            }
            return domain.domain().substring(dot + 1);
        });
        return new ComponentAddresses(domain, sender, parse("xmpp.component.server-domain", server));
    }

    /** Whether {@code jid} is the component's domain or an address in it. */
    public boolean contains(Jid jid) {
        return jid.domain().equals(domain.domain());
    }

    private static Jid parse(String key, String value) {
        try {
            return Jid.of(value);
        } catch (InvalidJidException e) {
            throw new IllegalStateException(key + " is not a valid address: " + e.getMessage(), e);
        }
    }
}
