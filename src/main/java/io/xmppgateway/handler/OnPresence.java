package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives presence — available, unavailable and probe (App Engine's {@code /_ah/xmpp/presence/…}). Parameters:
 * {@link io.xmppgateway.stanza.Presence}, {@link io.xmppgateway.stanza.Jid}. Return types (a stanza to send, or
 * nothing; anything else fails startup) and threading as for {@link OnMessage}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnPresence {
}
