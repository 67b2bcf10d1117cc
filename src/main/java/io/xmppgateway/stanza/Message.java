package io.xmppgateway.stanza;

import java.util.Optional;

/**
 * A {@code <message/>} stanza, with slixmpp's interface: {@code type} (default {@code normal}), {@code body},
 * {@code subject}, {@code thread}, {@code parentThread}, the read-only {@code mucroom} / {@code mucnick} of a
 * groupchat message, and {@link #reply(String, boolean)}.
 *
 * <pre>{@code
 * <message to='romeo@example.net' type='chat'><body>Art thou not Romeo?</body></message>
 * }</pre>
 */
public final class Message extends Stanza {

    public static final String ELEMENT = "message";

    public Message(Element element) {
        super(element, ELEMENT);
    }

    public static Builder builder() {
        return new Builder();
    }

    public MessageType type() {
        return MessageType.fromWire(element().attribute("type"));
    }

    public Optional<String> body() {
        return element().childText("body", element().namespace());
    }

    public Optional<String> subject() {
        return element().childText("subject", element().namespace());
    }

    public Optional<String> thread() {
        return element().childText("thread", element().namespace());
    }

    public Optional<String> parentThread() {
        return element().child("thread", element().namespace())
                .map(thread -> thread.attribute("parent"));
    }

    /** The room's bare JID when this is a groupchat message from a MUC room. */
    public Optional<Jid> mucroom() {
        return type() == MessageType.GROUPCHAT ? from().map(Jid::bare) : Optional.empty();
    }

    /** The sender's nickname in the room when this is a groupchat message. */
    public Optional<String> mucnick() {
        return type() == MessageType.GROUPCHAT ? from().flatMap(Jid::resource) : Optional.empty();
    }

    /** {@code reply(body, true)}. */
    public Message reply(String body) {
        return reply(body, true);
    }

    /**
     * A reply: addresses swapped (a groupchat reply goes to the room's bare JID), thread kept, id dropped, and
     * {@code body} set when given. With {@code clear}, the rest of the original content is dropped.
     */
    public Message reply(String body, boolean clear) {
        Element.Builder reply = swapped(element(), clear).attribute("id", null);
        if (type() == MessageType.GROUPCHAT) {
            reply.attribute("to", mucroom().map(Jid::toString).orElse(null));
        }
        String ns = element().namespace();
        if (clear) {
            element().child("thread", ns).ifPresent(reply::child);
        }
        if (body != null) {
            reply.removeChildren("body", ns).textChild("body", body);
        }
        return new Message(reply.build());
    }

    /** Builds a message; {@code type} is written only when set. */
    public static final class Builder extends Stanza.Builder<Message, Builder> {
        private String body;
        private String subject;
        private String thread;
        private String parentThread;

        private Builder() {
            super(ELEMENT);
        }

        public Builder type(MessageType type) {
            element.attribute("type", type == null ? null : type.wireName());
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        public Builder parentThread(String parentThread) {
            this.parentThread = parentThread;
            return this;
        }

        @Override
        public Message build() {
            Element.Builder message = Element.builder(ELEMENT, CLIENT_NAMESPACE);
            Element draft = element.build();
            draft.attributes().forEach(message::attribute);
            message.textChild("subject", subject).textChild("body", body);
            if (thread != null) {
                message.child(Element.builder("thread", CLIENT_NAMESPACE)
                        .attribute("parent", parentThread).text(thread).build());
            }
            return new Message(message.children(draft.children()).build());
        }
    }
}
