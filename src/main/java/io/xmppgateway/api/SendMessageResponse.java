package io.xmppgateway.api;

import java.util.List;

/**
 * The answer to {@code POST /v1/messages}.
 *
 * @param id      the {@code id} of the stanzas sent
 * @param results one row per recipient, in request order
 */
public record SendMessageResponse(String id, List<SendResult> results) {
}
