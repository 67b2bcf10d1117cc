package io.xmppgateway.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean that answers IQ requests whose payload is in {@link #namespace()} (seed: slixmpp's per-namespace
 * IQ handlers). Its {@link OnGet} and {@link OnSet} methods answer {@code type='get'} and {@code type='set'}:
 *
 * <pre>{@code
 * @IqHandler(namespace = "urn:example:weather")
 * @ApplicationScoped
 * public class WeatherHandler {
 *     @OnGet
 *     Element forecast(Element query, Jid from) {
 *         return Element.builder("query", "urn:example:weather").textChild("sky", "clear").build();
 *     }
 * }
 * }</pre>
 *
 * answers {@code <iq type='get' id='w1'><query xmlns='urn:example:weather'/></iq>} with
 * {@code <iq type='result' id='w1'><query xmlns='urn:example:weather'><sky>clear</sky></query></iq>}.
 *
 * <p>The annotation goes on the bean class itself (it is not inherited); its {@code @OnGet} / {@code @OnSet}
 * methods may be declared in a superclass. One bean per namespace: two fail startup, naming both. Every handler namespace is listed by disco#info
 * automatically. A get or set nobody handles is answered with {@code feature-not-implemented} (or, with
 * {@code xmpp.iq.unhandled-reply=service-unavailable}, {@code service-unavailable}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IqHandler {
    /** The namespace of the payload element, e.g. {@code jabber:iq:version}. */
    String namespace();
}
