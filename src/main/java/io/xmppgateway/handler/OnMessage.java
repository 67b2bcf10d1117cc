package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.xmppgateway.stanza.MessageType;

/**
 * Receives inbound messages (App Engine's {@code /_ah/xmpp/message/chat/}). On a method of a CDI bean.
 *
 * <p>Accepted parameters: {@link io.xmppgateway.stanza.Message}, {@link io.xmppgateway.stanza.Jid} (the sender),
 * {@code String} (the body). Return {@code void}, or a stanza to send — typically a
 * {@link io.xmppgateway.stanza.Message} from {@code message.reply("…")}, which passes the quota filter like every
 * send; any {@link io.xmppgateway.stanza.Stanza} goes — or a {@code Uni} or {@code CompletionStage} of one or of
 * {@code Void}. Any other return type fails startup, naming the method. A plain return type runs on a worker
 * thread, {@code Uni} / {@code CompletionStage} on the event loop, {@code @Blocking} forces a worker. Messages from
 * one sender are handled in arrival order.
 *
 * <p>Two such methods of one bean whose {@link #types()} share a type fail startup, naming both (choose with
 * {@code types}); methods of different beans all receive the message, in turn. The method may be inherited from a
 * superclass of the bean class.
 *
 * <pre>{@code
 * @OnMessage
 * Message echo(Message message) { return message.reply("you said: " + message.body().orElse("")); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMessage {
    /** The message types to receive; by default chat and normal (App Engine's rule). Error messages go to {@link OnError}. */
    MessageType[] types() default {MessageType.CHAT, MessageType.NORMAL};
}
