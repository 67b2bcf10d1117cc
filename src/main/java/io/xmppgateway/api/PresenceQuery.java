package io.xmppgateway.api;

import java.util.List;

/**
 * {@code POST /v1/presence/query}: presence of many JIDs at once (App Engine's bulk {@code get_presence}).
 *
 * @param jids the JIDs
 * @param from component mode: the address that probes a JID the gateway has heard nothing from (by default
 *             {@code xmpp.component.default-sender})
 */
public record PresenceQuery(List<String> jids, String from) {
}
