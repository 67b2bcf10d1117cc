package io.xmppgateway.stream;

import javax.net.ssl.SSLHandshakeException;

/** The TLS handshake failed, typically because the server's certificate is not trusted or not for its domain. */
public class TlsException extends RuntimeException {
    public TlsException(Throwable cause) {
        super(describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String hint = cause instanceof SSLHandshakeException || root instanceof java.security.cert.CertificateException
                || String.valueOf(root.getMessage()).contains("certification path")
                ? " (is the server's certificate valid for its XMPP domain and trusted? see xmpp.trust-store.path)"
                : "";
        return "TLS handshake failed: " + root.getMessage() + hint;
    }
}
