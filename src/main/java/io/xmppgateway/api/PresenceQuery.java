package io.xmppgateway.api;

import java.util.List;

/**
 * {@code POST /v1/presence/query}: presence of many JIDs at once (App Engine's bulk {@code get_presence}).
 *
 * @param jids the JIDs
 */
public record PresenceQuery(List<String> jids) {
}
