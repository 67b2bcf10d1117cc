package io.xmppgateway.api;

import java.util.List;

/**
 * The answer to {@code POST /v1/messages}.
 *
 * @param id      the {@code id} of the stanzas sent
 * @param results one row per recipient, in request order
 */
public record SendMessageResponse(String id, List<SendResult> results) {

    /** Roughly the memory it holds, in bytes: what a remembered answer ({@code Idempotency-Key}) weighs. */
    long weight() {
        long bytes = 64 + 2L * id.length();
        for (SendResult result : results) {
            bytes += 48 + 2L * result.to().length();
        }
        return bytes;
    }
}
