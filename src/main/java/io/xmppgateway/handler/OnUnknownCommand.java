package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * App Engine's {@code unhandled_command}: receives a {@code /command} that no {@link OnCommand} method handles.
 * Parameters: {@link io.xmppgateway.stanza.Message}, {@link io.xmppgateway.stanza.Jid}, {@code String} (the whole
 * body). Without such a method, an unknown command is delivered to {@link OnMessage}. Return types and threading
 * as for {@link OnMessage}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnUnknownCommand {
}
