package io.xmppgateway.api;

/**
 * The answer to {@code POST /v1/iq}.
 *
 * @param from    who answered
 * @param payload the result's payload as XML, {@code null} for an empty result
 */
public record IqResponse(String from, String payload) {
}
