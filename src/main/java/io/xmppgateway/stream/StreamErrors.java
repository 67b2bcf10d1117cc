package io.xmppgateway.stream;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/** Reads a {@code <stream:error/>} received from the server (RFC 6120 §4.9.2). */
final class StreamErrors {

    private StreamErrors() {
    }

    /** The error; for {@code see-other-host} the text is the new address (RFC 6120 §4.9.3.19). */
    static StreamErrorException fromElement(Element error) {
        StreamErrorCondition condition = StreamErrorCondition.UNDEFINED_CONDITION;
        String text = null;
        for (Element child : error.elements()) {
            if (!child.namespace().equals(StreamErrorCondition.NAMESPACE)) {
                continue;
            }
            if (child.name().equals("text")) {
                text = child.text();
            } else {
                condition = StreamErrorCondition.fromWire(child.name()).orElse(condition);
                if (condition == StreamErrorCondition.SEE_OTHER_HOST) {
                    return new StreamErrorException(condition, child.text().strip());
                }
            }
        }
        return new StreamErrorException(condition, text);
    }
}
