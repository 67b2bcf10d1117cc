package io.xmppgateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/presence}: sends a presence (App Engine's {@code send_presence}).
 *
 * @param to       the recipient
 * @param from     the sender, as for messages
 * @param type     {@code available} (default), {@code unavailable} or {@code probe}
 * @param show     {@code away}, {@code chat}, {@code dnd} or {@code xa}
 * @param status   a status text of at most 1024 characters
 * @param priority -128 to 127
 */
public record PresenceRequest(
        @Schema(examples = "juliet@example.org", required = true) String to,
        @Schema(examples = "bot@example.org") String from,
        @Schema(enumeration = {"available", "unavailable", "probe"}, defaultValue = "available") String type,
        @Schema(enumeration = {"away", "chat", "dnd", "xa"}) String show,
        @Schema(maxLength = 1024, examples = "Ready") String status,
        @Schema(minimum = "-128", maximum = "127") Integer priority) {
}
