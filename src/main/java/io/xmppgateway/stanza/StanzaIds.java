package io.xmppgateway.stanza;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stanza ids: a random prefix chosen once per process and a counter, so ids are unique across restarts and
 * replicas without paying for a secure random number per stanza.
 */
public final class StanzaIds {

    private static final String PREFIX = randomPrefix();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int COUNTER_DIGITS = 10;

    private StanzaIds() {
    }

    /** A new id of fixed length, e.g. {@code kq3v9Tg2xU1b-000000001a}. */
    public static String next() {
        String count = Long.toString(COUNTER.incrementAndGet(), 36);
        return PREFIX + "0".repeat(Math.max(0, COUNTER_DIGITS - count.length())) + count;
    }

    private static String randomPrefix() {
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "-";
    }
}
