package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers IQ requests of {@code type='get'} in the namespace of the enclosing {@link IqHandler}.
 *
 * <p>Accepted parameters, in any order: {@link io.xmppgateway.stanza.Iq} (the request),
 * {@link io.xmppgateway.stanza.Element} (its payload), {@link io.xmppgateway.stanza.Jid} (the requester).
 *
 * <p>Return type: the result payload as an {@link io.xmppgateway.stanza.Element}, or {@code void} / {@code null} for
 * an empty result. A plain return type runs on a worker thread; {@code Uni<Element>} or
 * {@code CompletionStage<Element>} runs on the event loop and must not block; {@code @Blocking} moves any method to a
 * worker. Throw {@link XmppErrorException} to answer with a stanza error; any other exception is answered with
 * {@code internal-server-error} (logged, never put on the wire).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnGet {
}
