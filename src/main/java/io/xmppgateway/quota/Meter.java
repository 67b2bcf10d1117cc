package io.xmppgateway.quota;

import java.util.Optional;

/** What the gateway meters per day, after App Engine's XMPP quotas. */
public enum Meter {
    /** Calls to the send and presence endpoints. */
    API_CALLS("api-calls"),
    /** Bytes of stanzas sent, per recipient. */
    DATA_SENT("data-sent-bytes"),
    /** Recipients of messages (a message to 30 recipients counts 30). */
    RECIPIENTS_MESSAGED("recipients-messaged"),
    /** Subscription requests sent by {@code POST /v1/invitations}. */
    INVITATIONS("invitations");

    private final String apiName;

    Meter(String apiName) {
        this.apiName = apiName;
    }

    /** The name in {@code GET /v1/quota} and in errors. */
    public String apiName() {
        return apiName;
    }

    /** The meter of that {@link #apiName()}. */
    public static Optional<Meter> ofApiName(String name) {
        for (Meter meter : values()) {
            if (meter.apiName.equals(name)) {
                return Optional.of(meter);
            }
        }
        return Optional.empty();
    }
}
