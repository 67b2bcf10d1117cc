package io.xmppgateway.dispatch;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StanzaError;

/**
 * One annotated handler method and how to call it, decided once at startup: which argument each parameter takes,
 * and the thread it runs on — its return type picks it ({@code Uni} / {@code CompletionStage}: the event loop;
 * anything else: a worker), {@code @Blocking} forces a worker (the Quarkus websockets-next rule).
 */
final class HandlerMethod {

    /** What a handler is called with. */
    record Call(Stanza stanza, String text) {
    }

    private enum Argument { STANZA, PAYLOAD, SENDER, TEXT, ERROR }

    private final Object bean;
    private final Class<?> beanClass;
    private final Method method;
    private final Class<? extends Annotation> kind;
    private final Argument[] arguments;
    private final boolean blocking;

    /**
     * @param bean the reference to call it on (a client proxy, maybe)
     * @param beanClass the bean's class ({@code Bean.getBeanClass()}), which declares or inherits {@code method}
     * @param method the most derived declaration, the one that runs
     * @param annotated the declaration carrying the handler annotations: {@code method}, or the overridden one it
     *     inherits them from
     * @param kind the handler annotation this method is registered for, e.g. {@code OnGet.class}
     */
    HandlerMethod(Object bean, Class<?> beanClass, Method method, AnnotatedElement annotated,
            Class<? extends Annotation> kind) {
        this.bean = bean;
        this.beanClass = beanClass;
        this.method = method;
        this.kind = kind;
        method.setAccessible(true);
        Class<?>[] types = method.getParameterTypes();
        arguments = new Argument[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = argumentFor(types[i]);
        }
        Class<?> returns = method.getReturnType();
        boolean async = Uni.class.isAssignableFrom(returns) || CompletionStage.class.isAssignableFrom(returns);
        blocking = method.isAnnotationPresent(Blocking.class) || annotated.isAnnotationPresent(Blocking.class)
                || !async;
    }

    /**
     * E.g. {@code com.example.Weather#forecast}, for errors and logs; an inherited method names the class declaring
     * it and the bean: {@code com.example.WeatherBase#forecast (inherited by com.example.Weather)}.
     */
    String name() {
        String name = method.getDeclaringClass().getName() + "#" + method.getName();
        return method.getDeclaringClass() == beanClass ? name : name + " (inherited by " + beanClass.getName() + ")";
    }

    /** The handler annotation it is registered for, as written: {@code @OnGet}. */
    String annotation() {
        return "@" + kind.getSimpleName();
    }

    /** Calls the method on its thread; the future completes on the caller's event loop with what it returned. */
    Future<Object> invoke(Vertx vertx, Call call) {
        Object[] args = new Object[arguments.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = argument(arguments[i], call);
        }
        if (blocking) {
            return vertx.executeBlocking(() -> unwrapSync(invokeReflectively(args)), false);
        }
        try {
            return unwrapAsync(invokeReflectively(args));
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private Object invokeReflectively(Object[] args) throws Exception {
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** A blocking method that still returned a Uni or a stage is awaited on its worker. */
    private static Object unwrapSync(Object result) throws Exception {
        if (result instanceof Uni<?> uni) {
            return uni.await().indefinitely();
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture().get();
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Future<Object> unwrapAsync(Object result) {
        if (result instanceof Uni<?> uni) {
            return Future.fromCompletionStage(((Uni<Object>) uni).subscribeAsCompletionStage());
        }
        if (result instanceof CompletionStage<?> stage) {
            return Future.fromCompletionStage((CompletionStage<Object>) stage);
        }
        return Future.succeededFuture(result);
    }

    private static Object argument(Argument argument, Call call) {
        return switch (argument) {
            case STANZA -> call.stanza();
            case PAYLOAD -> call.stanza() instanceof Iq iq ? iq.payload().orElse(null) : call.stanza().element();
            case SENDER -> call.stanza().from().orElse(null);
            case TEXT -> call.text();
            case ERROR -> call.stanza().error().orElse(null);
        };
    }

    private Argument argumentFor(Class<?> type) {
        if (type == Stanza.class || type == Message.class || type == Presence.class || type == Iq.class) {
            return Argument.STANZA;
        }
        if (type == Element.class) {
            return Argument.PAYLOAD;
        }
        if (type == Jid.class) {
            return Argument.SENDER;
        }
        if (type == String.class) {
            return Argument.TEXT;
        }
        if (type == StanzaError.class) {
            return Argument.ERROR;
        }
        throw new IllegalStateException("Handler " + name() + " takes a " + type.getName()
                + ", which the gateway cannot supply (see the annotation's Javadoc)");
    }

    /** Whether this method accepts the stanza's kind (a Message parameter does not take a Presence). */
    boolean accepts(Stanza stanza) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (arguments[i] == Argument.STANZA && !types[i].isInstance(stanza)) {
                return false;
            }
        }
        return true;
    }
}
