package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives messages and presence of type error (App Engine's {@code /_ah/xmpp/error/}), e.g. the bounce of a
 * message to an unknown user. Parameters: {@link io.xmppgateway.stanza.Stanza}, {@link io.xmppgateway.stanza.Jid},
 * {@link io.xmppgateway.stanza.StanzaError}. Return types (a stanza to send, or nothing; anything else fails
 * startup) and threading as for {@link OnMessage}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
}
