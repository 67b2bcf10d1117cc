package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.InjectableBean;
import io.vertx.core.Vertx;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;

/**
 * Discovery through the {@link BeanManager}: by bean class, on the reference CDI hands out. A producer declared in
 * a handler bean is a bean with the same bean class, but its reference is what it produces: it must not stand in
 * for the handler bean.
 */
class HandlersDiscoveryTest {

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

    @IqHandler(namespace = NS)
    static class Weather {
        @OnGet
        Element forecast() {
            return Element.empty("query", NS);
        }

        /** What a producer method in the handler bean would make: not a Weather. */
        static final String PRODUCED = "a produced string";
    }

    /** A bean as ArC describes it: its class, its kind, and the reference the bean manager gives for it. */
    private record StubBean(Class<?> beanClass, InjectableBean.Kind kind, Object reference) {
        Bean<?> asBean() {
            return (Bean<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {InjectableBean.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getBeanClass" -> beanClass;
                        case "getKind" -> kind;
                        case "toString" -> kind + " " + beanClass.getSimpleName();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static BeanManager beanManager(List<StubBean> stubs) {
        Set<Bean<?>> beans = new LinkedHashSet<>();
        Map<Bean<?>, Object> references = new HashMap<>();
        for (StubBean stub : stubs) {
            Bean<?> bean = stub.asBean();
            beans.add(bean);
            references.put(bean, stub.reference());
        }
        return (BeanManager) Proxy.newProxyInstance(HandlersDiscoveryTest.class.getClassLoader(),
                new Class<?>[] {BeanManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBeans" -> beans;
                    case "createCreationalContext" -> null;
                    case "getReference" -> references.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Handlers discover(StubBean... beans) {
        Handlers handlers = new Handlers();
        handlers.beanManager = beanManager(List.of(beans));
        handlers.discover();
        return handlers;
    }

    @Test
    void aProducerInAHandlerBeanDoesNotStandInForIt() throws Exception {
        for (List<StubBean> order : List.of(
                List.of(new StubBean(Weather.class, InjectableBean.Kind.CLASS, new Weather()),
                        new StubBean(Weather.class, InjectableBean.Kind.PRODUCER_METHOD, Weather.PRODUCED)),
                List.of(new StubBean(Weather.class, InjectableBean.Kind.PRODUCER_FIELD, Weather.PRODUCED),
                        new StubBean(Weather.class, InjectableBean.Kind.CLASS, new Weather())))) {
            Handlers handlers = discover(order.toArray(StubBean[]::new));
            assertEquals(Set.of(NS), handlers.iqNamespaces(), order.toString());
            HandlerMethod get = handlers.iq(NS).orElseThrow().get().orElseThrow();
            Iq request = Iq.builder(IqType.GET).id("w1").child(Element.empty("query", NS)).build();
            Object answer = get.invoke(vertx, new HandlerMethod.Call(request, null))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Element.empty("query", NS), answer, order.toString());
        }
    }

    @Test
    void beansWithoutHandlersAreLeftAlone() {
        Handlers handlers = discover(new StubBean(String.class, InjectableBean.Kind.CLASS, "not a handler"));
        assertEquals(Set.of(), handlers.iqNamespaces());
        assertEquals(0, handlers.messages().size());
    }
}
