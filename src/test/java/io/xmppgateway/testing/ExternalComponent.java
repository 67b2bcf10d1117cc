package io.xmppgateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An external component (XEP-0114) connected to the test server (Prosody or ejabberd) as {@link Prosody#COMPONENT_DOMAIN}: a peer that
 * can send from any address in its domain, such as {@code user@bad_name.localhost}, which no c2s client can. Smack
 * has no component support, and the protocol is a stream header and a handshake.
 */
public final class ExternalComponent implements AutoCloseable {

    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");

    private final Socket socket;
    private final OutputStream out;
    private final Thread drain;

    public ExternalComponent(XmppServer server) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), server.componentPort());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        write("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='"
                + Prosody.COMPONENT_DOMAIN + "'>");
        Matcher id = STREAM_ID.matcher(readUntil(in, STREAM_ID));
        if (!id.find()) {
            throw new IOException("no stream id from the server");
        }
        write("<handshake>" + sha1Hex(id.group(1) + Prosody.COMPONENT_SECRET) + "</handshake>");
        readUntil(in, Pattern.compile("<handshake\\s*/>|<handshake></handshake>|</stream:stream>"));
        socket.setSoTimeout(0);
        drain = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) {
                    // What the server routes to the component is of no interest; it must not fill the socket.
                }
            } catch (IOException closed) {
                // closed with the component
            }
        }, "external-component-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** Writes one stanza as given. */
    public synchronized void send(String stanza) throws IOException {
        write(stanza);
    }

    private void write(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntil(InputStream in, Pattern end) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!end.matcher(seen).find()) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the component stream: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (seen.indexOf("<stream:error") >= 0 && seen.indexOf("</stream:error>") >= 0) {
                throw new IOException("the server refused the component: " + seen);
            }
        }
        return seen.toString();
    }

    private static String sha1Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            write("</stream:stream>");
        } finally {
            socket.close();
        }
    }
}
