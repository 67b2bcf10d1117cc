package io.xmppgateway.stanza;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: a local name, the namespace it is in, its attributes in document order and its
 * children. Attribute names are qualified as written on the wire ({@code to}, {@code xml:lang}); namespace
 * declarations are not attributes — the {@link XmlWriter} derives them from each element's namespace.
 */
public final class Element implements Node {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<Node> children;

    private Element(String name, String namespace, Map<String, String> attributes, List<Node> children) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = children;
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /** An element with no attributes and no children, such as {@code <ping xmlns='urn:xmpp:ping'/>}. */
    public static Element empty(String name, String namespace) {
        return builder(name, namespace).build();
    }

    public String name() {
        return name;
    }

    /** The namespace URI, {@code ""} for none. */
    public String namespace() {
        return namespace;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    public List<Node> children() {
        return children;
    }

    /** The child elements, in order. */
    public List<Element> elements() {
        List<Element> elements = new ArrayList<>(children.size());
        for (Node child : children) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The first child element with this name and namespace. */
    public Optional<Element> child(String name, String namespace) {
        for (Node child : children) {
            if (child instanceof Element element && element.is(name, namespace)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The text of the first child element with this name and namespace. */
    public Optional<String> childText(String name, String namespace) {
        return child(name, namespace).map(Element::text);
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Node child : children) {
            if (child instanceof Text t) {
                text.append(t.value());
            }
        }
        return text.toString();
    }

    /** A builder that starts as a copy of this element. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, namespace);
        builder.attributes.putAll(attributes);
        builder.children.addAll(children);
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element other
                && name.equals(other.name)
                && namespace.equals(other.namespace)
                && attributes.equals(other.attributes)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, attributes, children);
    }

    /** The element as XML, with its namespace declared. */
    @Override
    public String toString() {
        return XmlWriter.write(this);
    }

    /** Builds an {@link Element}; not thread-safe, used once. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Builder(String name, String namespace) {
            this.name = Objects.requireNonNull(name, "name");
            this.namespace = namespace == null ? "" : namespace;
        }

        /** Sets an attribute; a {@code null} value removes it. */
        public Builder attribute(String name, Object value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value.toString());
            }
            return this;
        }

        public Builder child(Node child) {
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder children(List<? extends Node> nodes) {
            nodes.forEach(this::child);
            return this;
        }

        public Builder text(String text) {
            if (text != null && !text.isEmpty()) {
                children.add(new Text(text));
            }
            return this;
        }

        /** Adds {@code <name>text</name>} in this element's namespace; nothing when text is {@code null}. */
        public Builder textChild(String name, String text) {
            if (text != null) {
                children.add(new Builder(name, namespace).text(text).build());
            }
            return this;
        }

        /** Removes every child element with this name and namespace. */
        public Builder removeChildren(String name, String namespace) {
            children.removeIf(node -> node instanceof Element e && e.is(name, namespace));
            return this;
        }

        public Builder clearChildren() {
            children.clear();
            return this;
        }

        public Element build() {
            return new Element(name, namespace,
                    Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    List.copyOf(children));
        }
    }
}
