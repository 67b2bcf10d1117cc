package io.xmppgateway.stream;

import java.util.Locale;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import io.xmppgateway.config.XmppConfig;

/**
 * The socket options of a session: TLS from the first byte in {@code direct} mode, certificate and host name
 * verification always on, and the configured trust store in place of the JVM's. The XMPP domain is sent as the
 * SNI name and checked first (RFC 7590 §3.2); the JDK falls back to the host connected to ({@code xmpp.host}).
 */
final class TlsOptions {

    private TlsOptions() {
    }

    static NetClientOptions netClientOptions(XmppConfig config) {
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setTcpKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(config.tls() == XmppConfig.TlsMode.DIRECT)
                .setHostnameVerificationAlgorithm("HTTPS")
                // Direct TLS: each record written takes its output buffer from Netty's pool (see PooledTlsBuffers).
                .setSslEngineOptions(new JdkSSLEngineOptions().setPooledHeapBuffers(true));
        config.trustStore().path().ifPresent(path -> options.setTrustOptions(trustOptions(config.trustStore(), path)));
        return options;
    }

    private static TrustOptions trustOptions(XmppConfig.TrustStore store, String path) {
        String type = store.type().orElseGet(() -> typeOf(path)).toLowerCase(Locale.ROOT);
        String password = store.password().orElse(null);
        return switch (type) {
            case "pem" -> new PemTrustOptions().addCertPath(path);
            case "pkcs12", "p12", "pfx" -> new PfxOptions().setPath(path).setPassword(password);
            case "jks" -> new JksOptions().setPath(path).setPassword(password);
            default -> throw new IllegalArgumentException("xmpp.trust-store.type must be pem, pkcs12 or jks, not "
                    + type);
        };
    }

    private static String typeOf(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
            return "pkcs12";
        }
        return lower.endsWith(".jks") ? "jks" : "pem";
    }
}
