package io.xmppgateway.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code <show/>} of an available presence (RFC 6121 §4.7.2.1). */
public enum Show {
    AWAY, CHAT, DND, XA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Show> fromWire(String value) {
        for (Show show : values()) {
            if (show.wireName().equals(value)) {
                return Optional.of(show);
            }
        }
        return Optional.empty();
    }
}
