package io.xmppgateway.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code type} of a {@code <presence/>} (RFC 6121 §4.7.1); {@link #AVAILABLE} is the absence of one. */
public enum PresenceType {
    AVAILABLE, UNAVAILABLE, ERROR, PROBE, SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED;

    /** The attribute value, empty for {@link #AVAILABLE}. */
    public Optional<String> wireName() {
        return this == AVAILABLE ? Optional.empty() : Optional.of(name().toLowerCase(Locale.ROOT));
    }

    public boolean isSubscription() {
        return this == SUBSCRIBE || this == SUBSCRIBED || this == UNSUBSCRIBE || this == UNSUBSCRIBED;
    }

    /** The type for a wire value, empty when it is not one RFC 6121 defines. */
    public static Optional<PresenceType> fromWire(String value) {
        if (value == null) {
            return Optional.of(AVAILABLE);
        }
        for (PresenceType type : values()) {
            if (type.wireName().filter(value::equals).isPresent()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
