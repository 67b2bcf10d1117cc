package io.xmppgateway.dispatch;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnSet;
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
 *
 * <p>The return type must be one the dispatcher uses, or startup fails naming the method: {@code @OnGet} /
 * {@code @OnSet} return the result payload ({@code void}, an {@link Element}, or a {@code Uni} or
 * {@code CompletionStage} of one or of {@code Void}); every other handler a stanza to send ({@code void}, a
 * {@link Stanza} such as {@code message.reply(…)}, or a {@code Uni} or {@code CompletionStage} of one or of
 * {@code Void}). Anything else would be dropped without a word.
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
        checkReturnType(async);
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
            return unwrapAsync(invokeReflectively(args), vertx.getOrCreateContext());
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

    /** A Uni or stage may complete on any thread; the future completes back on {@code caller}. */
    @SuppressWarnings("unchecked")
    private static Future<Object> unwrapAsync(Object result, Context caller) {
        if (result instanceof Uni<?> uni) {
            return Future.fromCompletionStage(((Uni<Object>) uni).subscribeAsCompletionStage(), caller);
        }
        if (result instanceof CompletionStage<?> stage) {
            return Future.fromCompletionStage((CompletionStage<Object>) stage, caller);
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

    /**
     * Fails unless the dispatcher can use what the method returns: the IQ result payload for {@code @OnGet} /
     * {@code @OnSet}, a stanza to send for the others; a {@code Uni} or {@code CompletionStage} of either, or
     * nothing. Type variables are resolved against the bean class ({@code Uni<T>} in a superclass the bean class
     * extends with {@code T = Element} is a {@code Uni<Element>}).
     */
    private void checkReturnType(boolean async) {
        boolean iq = kind == OnGet.class || kind == OnSet.class;
        Class<?> usable = iq ? Element.class : Stanza.class;
        Map<TypeVariable<?>, Type> bindings = bindings(beanClass);
        Type returns = resolve(method.getGenericReturnType(), bindings);
        Class<?> item;
        if (!async) {
            item = erasure(returns);
        } else {
            Type argument = typeArgument(returns,
                    Uni.class.isAssignableFrom(method.getReturnType()) ? Uni.class : CompletionStage.class, bindings);
            item = argument == null ? null : erasure(argument);
        }
        if (item == void.class || item == Void.class || item != null && usable.isAssignableFrom(item)) {
            return;
        }
        throw new IllegalStateException("Handler " + name() + " returns " + returns.getTypeName()
                + ", which the gateway cannot use: " + annotation() + " methods return " + (iq
                ? "the result payload: void (an empty result), Element, or a Uni or CompletionStage of Element or Void"
                : "a stanza to send: void, a Stanza (Message, Presence, Iq), or a Uni or CompletionStage of one"
                        + " or of Void"));
    }

    /** What the bean class binds its superclasses' type variables to. */
    private static Map<TypeVariable<?>, Type> bindings(Class<?> beanClass) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parent) {
                TypeVariable<?>[] variables = c.getSuperclass().getTypeParameters();
                Type[] arguments = parent.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    bindings.put(variables[i], resolve(arguments[i], bindings));
                }
            }
        }
        return bindings;
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, variable) : type;
    }

    /**
     * The {@code T} that {@code type} gives {@code target<T>} (e.g. {@code Element} for a
     * {@code CompletableFuture<Element>} and {@code CompletionStage}), or {@code null} when it does not say (a raw
     * type).
     */
    private static Type typeArgument(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = erasure(type);
        if (!target.isAssignableFrom(raw)) {
            return null;
        }
        Map<TypeVariable<?>, Type> own = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                own.put(variables[i], resolve(arguments[i], bindings));
            }
        }
        if (raw == target) {
            return own.get(target.getTypeParameters()[0]);
        }
        Type parent = raw.getGenericSuperclass();
        Type found = parent == null ? null : typeArgument(parent, target, own);
        for (Type implemented : raw.getGenericInterfaces()) {
            found = found != null ? found : typeArgument(implemented, target, own);
        }
        return found;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof WildcardType wildcard) {
            return erasure(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return erasure(variable.getBounds()[0]);
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
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
