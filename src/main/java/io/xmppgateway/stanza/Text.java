package io.xmppgateway.stanza;

import java.util.Objects;

/** Character data inside an element, unescaped. The {@link XmlWriter} escapes it when writing. */
public record Text(String value) implements Node {
    public Text {
        Objects.requireNonNull(value, "value");
    }
}
