package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnMessage;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;

/**
 * Handler methods are found on the bean class and its superclasses (never on the instance's class, which may be a
 * client proxy); a method overridden in a subclass is found once, and the subclass's version answers.
 */
class HandlerInheritanceTest {

    private static final String NS = "urn:example:weather";

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    abstract static class WeatherBase {
        @OnGet
        Element forecast(Element query, Jid from) {
            return answer(sky() + " for " + from);
        }

        abstract String sky();

        @OnMessage
        Message echo(Message message) {
            return message.reply("you said " + message.body().orElse(""));
        }
    }

    @IqHandler(namespace = NS)
    static class Weather extends WeatherBase {
        @Override
        String sky() {
            return "clear";
        }
    }

    @IqHandler(namespace = NS)
    static class Overriding extends Weather {
        @Override
        @OnGet
        Element forecast(Element query, Jid from) {
            return answer("overridden");
        }

        @Override
        @OnMessage
        Message echo(Message message) {
            return message.reply("overridden");
        }
    }

    /** Overrides without repeating the annotation: still the handler (the JAX-RS rule), still once. */
    @IqHandler(namespace = NS)
    static class OverridingUnannotated extends Weather {
        @Override
        Element forecast(Element query, Jid from) {
            return answer("unannotated");
        }
    }

    abstract static class GenericBase<T> {
        @OnGet
        abstract T forecast();
    }

    /** Its forecast() has a bridge method (returning Object) that carries @OnGet too: not a second handler. */
    @IqHandler(namespace = NS)
    static class Generic extends GenericBase<Element> {
        @Override
        @OnGet
        Element forecast() {
            return answer("generic");
        }
    }

    abstract static class AsyncBase<T> {
        @OnGet
        Uni<T> forecast() {
            return Uni.createFrom().item(payload());
        }

        abstract T payload();
    }

    /** Inherits a Uni of T, T being Element here: usable. */
    @IqHandler(namespace = NS)
    static class Async extends AsyncBase<Element> {
        @Override
        Element payload() {
            return answer("async");
        }
    }

    private static Element answer(String text) {
        return Element.builder("query", NS).textChild("sky", text).build();
    }

    private static Handlers.Index index(Class<?> beanClass, Object reference) {
        return Handlers.index(Map.of(beanClass, reference));
    }

    private static String ask(Handlers.Index index) throws Exception {
        HandlerMethod get = index.iq().get(NS).get().orElseThrow();
        Iq request = Iq.builder(IqType.GET).from(Jid.of("alice@example.org/phone")).id("w1")
                .child(Element.empty("query", NS)).build();
        Object answer = get.invoke(vertx, new HandlerMethod.Call(request, null))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return ((Element) answer).childText("sky", NS).orElseThrow();
    }

    private static String say(Handlers.Index index, String body) throws Exception {
        List<Handlers.MessageMethod> messages = index.messages();
        assertEquals(1, messages.size(), messages.toString());
        Message message = Message.builder().from(Jid.of("alice@example.org/phone")).body(body).build();
        Object answer = messages.get(0).method().invoke(vertx, new HandlerMethod.Call(message, body))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return ((Message) answer).body().orElseThrow();
    }

    @Test
    void aHandlerInheritedFromAnAbstractSuperclassIsFoundAndAnswers() throws Exception {
        Handlers.Index index = index(Weather.class, new Weather());
        assertEquals("clear for alice@example.org/phone", ask(index));
        assertEquals("you said hi", say(index, "hi"));
    }

    @Test
    void anOverridingMethodIsRegisteredOnceAndItsVersionAnswers() throws Exception {
        Handlers.Index index = index(Overriding.class, new Overriding());
        assertEquals("overridden", ask(index));
        assertEquals("overridden", say(index, "hi"));
    }

    @Test
    void anOverridingMethodWithoutTheAnnotationIsStillTheHandler() throws Exception {
        Handlers.Index index = index(OverridingUnannotated.class, new OverridingUnannotated());
        assertEquals("unannotated", ask(index));
        assertEquals(1, index.messages().size());
    }

    @Test
    void bridgeMethodsAreNotHandlers() throws Exception {
        assertEquals("generic", ask(index(Generic.class, new Generic())));
    }

    @Test
    void aGenericSuperclassMethodReturnsWhatTheBeanClassBindsItTo() throws Exception {
        assertEquals("async", ask(index(Async.class, new Async())));
    }

    @Test
    void methodsAreFoundOnTheBeanClassNotOnTheReferencesClass() throws Exception {
        // What a client proxy looks like: a subclass overriding every method without the annotations.
        Weather proxy = new Weather() {
            @Override
            Element forecast(Element query, Jid from) {
                return super.forecast(query, from);
            }

            @Override
            Message echo(Message message) {
                return super.echo(message);
            }
        };
        Handlers.Index index = index(Weather.class, proxy);
        assertEquals("clear for alice@example.org/phone", ask(index));
        assertEquals("you said hi", say(index, "hi"));
        assertTrue(index.iq().get(NS).get().orElseThrow().name().contains(WeatherBase.class.getName() + "#forecast"));
    }
}
