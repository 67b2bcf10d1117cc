package io.xmppgateway.stanza;

import java.util.Locale;

/** The {@code type} of a {@code <message/>} (RFC 6121 §5.2.2). A message without one is {@link #NORMAL}. */
public enum MessageType {
    NORMAL, CHAT, GROUPCHAT, HEADLINE, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a wire value; unknown values are treated as {@link #NORMAL} (RFC 6121 §5.2.2). */
    public static MessageType fromWire(String value) {
        if (value == null) {
            return NORMAL;
        }
        for (MessageType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        return NORMAL;
    }
}
