package io.xmppgateway.api;

import java.util.List;

import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.Jid;

/** Checks of the addresses a request names. */
final class Recipients {

    private Recipients() {
    }

    /** A required JID field: 400 with {@code invalid_jid} (or {@code missing_<field>}) when it is not one. */
    static Jid required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_" + field, "'" + field + "' is required");
        }
        try {
            return Jid.of(value);
        } catch (InvalidJidException e) {
            throw ApiException.badRequest("invalid_jid", "'" + field + "': " + e.getMessage());
        }
    }

    /** The recipients of a send: at least one, at most {@code max}. */
    static List<String> list(List<String> to, int max) {
        if (to == null || to.isEmpty()) {
            throw ApiException.badRequest("no_recipients", "'to' must name at least one JID");
        }
        if (to.size() > max) {
            throw ApiException.badRequest("too_many_recipients",
                    "'to' names " + to.size() + " recipients; at most " + max + " are allowed in one call");
        }
        return to;
    }
}
