package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles a chat command, after App Engine's {@code CommandHandler}: a message whose body is {@code /name arg}
 * goes to the method of {@code @OnCommand("name")} with {@code arg} as its {@code String} parameter (the
 * {@link io.xmppgateway.stanza.Message} and sender {@link io.xmppgateway.stanza.Jid} may be taken too). A command no
 * method handles goes to {@link OnUnknownCommand}; plain text goes to {@link OnMessage}. Return a
 * {@link io.xmppgateway.stanza.Message} to answer (return types and threading as for {@link OnMessage}). Two
 * methods for one command, in any beans, fail startup, naming both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnCommand {
    /** The command name, without the slash. */
    String value();
}
