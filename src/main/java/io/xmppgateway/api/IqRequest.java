package io.xmppgateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/iq}: one IQ request, answered with its result.
 *
 * @param to        the addressee; the gateway's server when absent
 * @param type      {@code get} or {@code set}
 * @param payload   the payload element as XML, e.g. {@code <query xmlns='jabber:iq:version'/>}
 * @param timeoutMs how long to wait for the answer, 1 to 55,000 ms (default {@code xmpp.response-timeout})
 */
public record IqRequest(
        @Schema(examples = "juliet@example.org/balcony") String to,
        @Schema(enumeration = {"get", "set"}, required = true) String type,
        @Schema(examples = "<query xmlns='jabber:iq:version'/>", required = true) String payload,
        @Schema(examples = "5000") Long timeoutMs) {
}
