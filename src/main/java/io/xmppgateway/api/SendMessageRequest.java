package io.xmppgateway.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * {@code POST /v1/messages}: one message to each recipient (App Engine's {@code send_message}).
 *
 * @param to      recipients' JIDs (a single string is accepted too); a bare JID reaches the account, a full JID
 *                that one resource
 * @param body    the message text, or with {@code rawXml} the XML to place inside the {@code <message/>}
 * @param type    {@code chat} (default), {@code normal}, {@code headline}, {@code groupchat} or {@code error}
 * @param from    the sender; the gateway's own JID by default, a bare JID gets the resource {@code bot}
 * @param rawXml  whether {@code body} is XML
 * @param subject an optional subject
 * @param thread  an optional thread id
 */
public record SendMessageRequest(
        @Schema(description = "Recipients' JIDs; a single string is accepted too",
                examples = "[\"juliet@example.org\", \"romeo@example.net/orchard\"]", required = true)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
        @Schema(description = "The text, or the XML to place inside <message/> when rawXml is true",
                examples = "Hello", required = true) String body,
        @Schema(description = "Message type", enumeration = {"chat", "normal", "headline", "groupchat", "error"},
                defaultValue = "chat") String type,
        @Schema(description = "Sender; the gateway's JID by default; a bare JID gets the resource 'bot'",
                examples = "bot@example.org") String from,
        @Schema(description = "Whether body is XML placed inside the <message/>", defaultValue = "false")
        Boolean rawXml,
        @Schema(description = "Subject") String subject,
        @Schema(description = "Thread id") String thread) {
}
