package io.xmppgateway.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code type} of an {@code <iq/>} (RFC 6120 §8.2.3). Requests are get and set; responses result and error. */
public enum IqType {
    GET, SET, RESULT, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isRequest() {
        return this == GET || this == SET;
    }

    public static Optional<IqType> fromWire(String value) {
        for (IqType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
