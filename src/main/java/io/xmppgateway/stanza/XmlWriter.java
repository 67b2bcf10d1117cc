package io.xmppgateway.stanza;

import java.util.Map;

/**
 * The only code that writes XML. Text and attribute values are always escaped, and characters that XML 1.0
 * cannot carry (U+0000, lone surrogates, U+FFFE…) are refused with {@link InvalidXmlException} rather than
 * written: a peer would have to close the stream on them (RFC 6120 §11.1).
 *
 * <p>Namespaces are declared only where an element's namespace differs from its parent's, so a stanza written
 * with the stream's default namespace ({@code jabber:client}) carries no {@code xmlns} of its own.
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    /** The element with its own namespace declared. */
    public static String write(Element element) {
        return write(element, null);
    }

    /** The element as a child of a parent in {@code inheritedNamespace} (e.g. a stanza in a client stream). */
    public static String write(Element element, String inheritedNamespace) {
        StringBuilder out = new StringBuilder(256);
        append(out, element, inheritedNamespace);
        return out.toString();
    }

    /** Appends the opening of an element that stays open, such as {@code <stream:stream …>}. */
    public static void appendOpenTag(StringBuilder out, String qualifiedName, Map<String, String> attributes) {
        out.append('<').append(qualifiedName);
        attributes.forEach((name, value) -> appendAttribute(out, name, value));
        out.append('>');
    }

    private static void append(StringBuilder out, Element element, String inheritedNamespace) {
        out.append('<').append(element.name());
        if (!element.namespace().equals(inheritedNamespace)) {
            appendAttribute(out, "xmlns", element.namespace());
        }
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            if (!attribute.getKey().equals("xmlns")) {
                appendAttribute(out, attribute.getKey(), attribute.getValue());
            }
        }
        if (element.children().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node child : element.children()) {
            if (child instanceof Element e) {
                append(out, e, element.namespace());
            } else {
                appendText(out, ((Text) child).value());
            }
        }
        out.append("</").append(element.name()).append('>');
    }

    private static void appendAttribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("='");
        appendEscaped(out, value, true);
        out.append('\'');
    }

    static void appendText(StringBuilder out, String text) {
        appendEscaped(out, text, false);
    }

    private static void appendEscaped(StringBuilder out, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // Attribute-value normalisation would turn these into spaces; character references survive it.
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c >= 0x20 && c < 0xD800 || c >= 0xE000 && c <= 0xFFFD) {
                        out.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        throw new InvalidXmlException(String.format(
                                "character U+%04X at index %d is not allowed in XML 1.0", (int) c, i));
                    }
                }
            }
        }
    }
}
