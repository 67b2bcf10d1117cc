package io.xmppgateway.api;

/**
 * What happened to one recipient.
 *
 * @param to     the recipient as given
 * @param status what happened to it
 */
public record SendResult(String to, SendStatus status) {
}
