package io.xmppgateway.api;

/** What happened to one recipient of a send, with App Engine's names ({@code xmpp.SendResponse}). */
public enum SendStatus {
    /** The message was sent. */
    NO_ERROR,
    /** The recipient is not a valid JID; nothing was sent to it. */
    INVALID_JID,
    /** The message could not be sent to this recipient (see the response's other fields and the log). */
    OTHER_ERROR
}
