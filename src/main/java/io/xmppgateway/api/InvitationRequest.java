package io.xmppgateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/invitations}: a subscription request (App Engine's {@code send_invite}).
 *
 * @param to   whom to invite
 * @param from the sender, as for messages
 */
public record InvitationRequest(
        @Schema(examples = "juliet@example.org", required = true) String to,
        @Schema(examples = "bot@example.org") String from) {
}
