package io.xmppgateway.bus;

import io.xmppgateway.stanza.Stanza;

/**
 * A stanza received from the server.
 *
 * @param stanza    the stanza; when {@code oversized}, only its attributes (no children)
 * @param wireBytes its size on the wire
 * @param oversized whether it was over the app limit, so that only its head was kept
 * @param ticket    the session's number for it: the dispatcher sends the stanza back on {@link Addresses#IN_HANDLED}
 *                  once every handler and webhook has taken it, and only then does the session count it as
 *                  handled for the server (XEP-0198)
 */
public record InboundStanza(Stanza stanza, int wireBytes, boolean oversized, long ticket) {
}
