package io.xmppgateway.bus;

import io.xmppgateway.stanza.Stanza;

/**
 * A stanza received from the server, sent as a request on {@code xmpp.in.*}. The reply is its hand-back: the
 * dispatcher answers once every handler and webhook has taken the stanza (or failed in a way that was logged), and
 * only then does the session count it as handled for the server (XEP-0198). Every request gets exactly one reply.
 *
 * @param stanza    the stanza; when {@code oversized}, only its attributes (no children)
 * @param wireBytes its size on the wire
 * @param oversized whether it was over the app limit, so that only its head was kept
 * @param standby   whether a standby replica received it: presence broadcasts and subscription requests reach every
 *                  replica, and only the active one hands them on (the standbys feed their presence cache)
 */
public record InboundStanza(Stanza stanza, int wireBytes, boolean oversized, boolean standby) {
}
