package io.xmppgateway.bus;

/**
 * The reply to an {@link OutboundStanza}: the session took the stanza and wrote it to the server.
 *
 * @param stanzaId the stanza's {@code id}
 */
public record SendReceipt(String stanzaId) {
}
