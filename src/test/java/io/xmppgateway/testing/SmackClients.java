package io.xmppgateway.testing;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Independent XMPP clients (Smack) for the far side of a conversation with the gateway. */
public final class SmackClients {

    private SmackClients() {
    }

    /** A logged-in client for {@code user} on the test server (Prosody or ejabberd), trusting its certificate. */
    public static XMPPTCPConnection connect(XmppServer server, String user) throws Exception {
        return connect(server, user, "smack");
    }

    /** As {@link #connect(XmppServer, String)}, binding {@code resource}. */
    public static XMPPTCPConnection connect(XmppServer server, String user, String resource) throws Exception {
        return connect(server, user, resource, false);
    }

    /**
     * As {@link #connect(XmppServer, String, String)}, with XEP-0198 stream management (acknowledgements, as the
     * gateway uses it) if {@code streamManagement}; tests leave it off.
     */
    public static XMPPTCPConnection connect(XmppServer server, String user, String resource,
            boolean streamManagement) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(Prosody.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.port())
                .setUsernameAndPassword(user, Prosody.password(user))
                .setResource(resource)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trusting(server))
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(10_000);
        // Tests write raw stanzas (RawXml) that Smack does not count; its stream management would then object.
        connection.setUseStreamManagement(streamManagement);
        connection.connect().login();
        return connection;
    }

    private static X509TrustManager trusting(XmppServer server) throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(server.certificate())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry(server.name(), certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
