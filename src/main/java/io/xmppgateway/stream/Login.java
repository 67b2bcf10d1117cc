package io.xmppgateway.stream;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.net.PooledTlsBuffers;
import io.xmppgateway.net.QuickAck;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;

/**
 * Connects to the server and logs in as the account, up to the point where a stream is bound or resumed: TCP (with
 * {@code TCP_QUICKACK} and pooled TLS buffers), the stream header, STARTTLS (RFC 6120 §5), SASL (§6) and the stream
 * restart. The session's own connections are made this way, and so are a {@link Takeover}'s.
 */
final class Login {

    private static final Logger LOG = Logger.getLogger(Login.class);

    /** A stream after SASL, restarted: its features, and the mechanism that authenticated it. */
    record Authenticated(Element features, String mechanism) {
    }

    private final Context context;
    private final NetClient netClient;
    private final XmppConfig config;
    private final Jid account;
    private final DecoderLimits limits;

    Login(Context context, NetClient netClient, XmppConfig config, Jid account, DecoderLimits limits) {
        this.context = context;
        this.netClient = netClient;
        this.config = config;
        this.account = account;
        this.limits = limits;
    }

    /** The server as configured: {@code xmpp.host} (else the JID's domain) and {@code xmpp.port}. */
    HostPort server() {
        return new HostPort(config.host().orElse(account.domain()), config.port());
    }

    /** A connection to {@code target}, not yet speaking XMPP. */
    Future<XmppConnection> open(HostPort target) {
        return open(context, netClient, config, limits, target, account.domain(), account.domain());
    }

    /**
     * A connection to {@code target} for a stream to {@code domain}, not yet speaking XMPP; {@code tlsName} is the
     * name sent in SNI and checked in the server's certificate when TLS starts with the first byte.
     */
    static Future<XmppConnection> open(Context context, NetClient netClient, XmppConfig config, DecoderLimits limits,
                                       HostPort target, String tlsName, String domain) {
        return netClient.connect(target.port(), target.host(), tlsName).map(socket -> {
            if (config.quickAck() && !QuickAck.install(socket)) {
                LOG.debug("TCP_QUICKACK is not available here: the kernel's delayed ACKs apply");
            }
            PooledTlsBuffers.use(socket);
            return new XmppConnection(context, socket, domain, limits);
        });
    }

    /** Opens the stream, secures it and authenticates: ready to bind a resource or resume a stream. */
    Future<Authenticated> authenticate(XmppConnection c) {
        String password = config.password().orElse("");
        String username = account.local().orElse("");
        return c.openStream(null)
                .compose(features -> StartTlsNegotiator.negotiate(c, features, config.tls()))
                .compose(features -> SaslNegotiator.authenticate(c, features, username, password)
                        .compose(mechanism -> c.restartStream()
                                .map(restarted -> new Authenticated(restarted, mechanism))));
    }
}
