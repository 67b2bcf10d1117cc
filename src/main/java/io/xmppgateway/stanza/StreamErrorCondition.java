package io.xmppgateway.stanza;

import java.util.Locale;
import java.util.Optional;

/** The stream error conditions of RFC 6120 §4.9.3. A stream error is unrecoverable: the stream is closed. */
public enum StreamErrorCondition {
    BAD_FORMAT, BAD_NAMESPACE_PREFIX, CONFLICT, CONNECTION_TIMEOUT, HOST_GONE, HOST_UNKNOWN, IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR, INVALID_FROM, INVALID_NAMESPACE, INVALID_XML, NOT_AUTHORIZED, NOT_WELL_FORMED,
    POLICY_VIOLATION, REMOTE_CONNECTION_FAILED, RESET, RESOURCE_CONSTRAINT, RESTRICTED_XML, SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN, UNDEFINED_CONDITION, UNSUPPORTED_ENCODING, UNSUPPORTED_FEATURE, UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StreamErrorCondition> fromWire(String value) {
        for (StreamErrorCondition condition : values()) {
            if (condition.wireName().equals(value)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }
}
