package io.xmppgateway.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * {@code POST /v1/messages}: one message to each recipient.
 *
 * @param to   recipients' JIDs (a single string is accepted too); a bare JID reaches the account, a full JID
 *             that one resource
 * @param body the message text
 * @param type {@code chat} (default), {@code normal}, {@code headline}, {@code groupchat} or {@code error}
 */
public record SendMessageRequest(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
        String body,
        String type) {
}
