package io.xmppgateway.api;

import java.util.List;

/**
 * The answer to {@code POST /v1/messages}.
 *
 * @param id      the {@code id} of the stanzas sent (one per recipient, all alike)
 * @param results one row per recipient, in request order
 */
public record SendMessageResponse(String id, List<Result> results) {

    /**
     * @param to     the recipient as given
     * @param status what happened to it
     */
    public record Result(String to, SendStatus status) {
    }
}
