package io.xmppgateway.stream;

import java.util.ArrayDeque;
import java.util.OptionalLong;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;

/**
 * Acknowledgement on a stream without XEP-0198 (a component's, XEP-0114): after a batch of stanzas, one XEP-0199
 * ping to the server's domain on the same stream. The server processes a stream's stanzas in order, so its answer
 * — result or error alike — says it has routed everything written before the ping. Each ping remembers the
 * {@code h} it covers (the ledger's count of stanzas written on the stream when it went out), which its answer
 * hands to the same path as a client's {@code <a h/>}.
 *
 * <pre>{@code
 * C: <message from='news@app.example.org' to='alice@example.org' id='m1'>…</message>
 * C: <iq from='app.example.org' to='example.org' type='get' id='ack-7'><ping xmlns='urn:xmpp:ping'/></iq>
 * S: <iq from='example.org' to='app.example.org' type='result' id='ack-7'/>      (covers m1)
 * }</pre>
 *
 * Lives on the session's event loop.
 */
final class PingAcknowledgement {

    private static final String ID_PREFIX = "ack-";

    private record Pending(String id, long h) {
    }

    private final Jid from;
    private final Jid server;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long sequence;

    PingAcknowledgement(Jid from, Jid server) {
        this.from = from;
        this.server = server;
    }

    /** The ping that asks the server to acknowledge the first {@code h} stanzas written on the stream. */
    Element request(long h) {
        String id = ID_PREFIX + (++sequence);
        pending.add(new Pending(id, h));
        return Iq.builder(IqType.GET).from(from).to(server).id(id)
                .child(Element.empty("ping", Keepalive.PING_NAMESPACE)).build().element();
    }

    /**
     * The {@code h} an element acknowledges if it is the answer to one of these pings (earlier pings' answers are
     * covered by it); empty for anything else.
     */
    OptionalLong answer(Element element) {
        if (!element.name().equals(Iq.ELEMENT) || pending.isEmpty()) {
            return OptionalLong.empty();
        }
        String type = element.attribute("type");
        String id = element.attribute("id");
        if (!(IqType.RESULT.wireName().equals(type) || IqType.ERROR.wireName().equals(type))
                || pending.stream().noneMatch(p -> p.id().equals(id))
                || (element.attribute("from") != null && !server.toString().equals(element.attribute("from")))) {
            return OptionalLong.empty();
        }
        Pending answered;
        do {
            answered = pending.poll();
        } while (!answered.id().equals(id));
        return OptionalLong.of(answered.h());
    }

    /** The stream ended: no answer is coming for the pings on it. */
    void clear() {
        pending.clear();
    }
}
