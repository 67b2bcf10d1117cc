package io.xmppgateway.api;

/**
 * 502 from {@code POST /v1/iq}: the peer answered with a stanza error.
 *
 * @param error     {@code iq_error}
 * @param message   a summary for humans
 * @param condition the RFC 6120 condition, e.g. {@code service-unavailable}
 * @param type      the error type, e.g. {@code cancel}
 * @param text      the peer's explanation, if any
 */
public record IqErrorResponse(String error, String message, String condition, String type, String text) {
}
