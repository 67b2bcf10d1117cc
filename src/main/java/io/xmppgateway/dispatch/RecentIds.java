package io.xmppgateway.dispatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (sender, id) of the last stanzas seen: after a new session the server delivers again, from offline storage,
 * what the old session had not acknowledged, and those copies must not reach the handlers twice.
 *
 * <p>What is delivered again is the tail of the stream — the last stanzas in arrival order, whoever sent them — so
 * this remembers the last {@code capacity} stanzas in arrival order, not a window per sender: 10,000 senders with
 * one stanza each forget the first after {@code capacity} stanzas, exactly as one sender's {@code capacity}
 * stanzas would, and nothing is kept per sender. Each is remembered as a 128-bit SHA-256 fingerprint of the pair, so
 * an entry has the same size whatever the sender put in its {@code id} (up to the inbound stanza limit): the whole
 * is about 100 bytes × {@code capacity}. Used from one event loop only.
 */
final class RecentIds {

    /** The first 128 bits of SHA-256(from, 0, id): a false duplicate, which would drop a stanza, is out of reach. */
    private record Fingerprint(long high, long low) {
    }

    private final Map<Fingerprint, Boolean> seen;
    private final MessageDigest sha256;

    RecentIds(int capacity) {
        seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, Boolean> eldest) {
                return size() > capacity;
            }
        };
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether this (sender, id) is new; a stanza without an id cannot be recognised and always is. */
    boolean firstTime(String from, String id) {
        if (id == null) {
            return true;
        }
        return seen.put(fingerprint(from == null ? "" : from, id), Boolean.TRUE) == null;
    }

    /** Ids remembered (for tests). */
    int size() {
        return seen.size();
    }

    private Fingerprint fingerprint(String from, String id) {
        // The 0 byte cannot occur in a JID (RFC 7622) or in XML text, so ("a", "bc") and ("ab", "c") differ.
        sha256.update(from.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(id.getBytes(StandardCharsets.UTF_8)));
        return new Fingerprint(digest.getLong(), digest.getLong());
    }
}
