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
 * an empty result; or a {@code Uni} or {@code CompletionStage} of {@code Element} or {@code Void}. Any other type (an
 * {@code int}, a {@code List}, a {@code Message}, a {@code Uni<String>}, a raw {@code Uni}) fails startup, naming the
 * method and these types. A plain return type runs on a worker thread; {@code Uni<Element>} or
 * {@code CompletionStage<Element>} runs on the event loop and must not block; {@code @Blocking} moves any method to a
 * worker. Throw {@link XmppErrorException} to answer with a stanza error; any other exception is answered with
 * {@code internal-server-error} (logged, never put on the wire).
 *
 * <p>One such method per {@link IqHandler} bean: a second fails startup, naming both; one method may carry both
 * {@code @OnGet} and {@code @OnSet}. Outside an {@code @IqHandler} bean it fails startup too. The method may be
 * inherited from a superclass of the bean class; an override is registered once, in its place, even one that does
 * not repeat the annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnGet {
}
