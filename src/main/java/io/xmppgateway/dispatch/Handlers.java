package io.xmppgateway.dispatch;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableBean;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnCommand;
import io.xmppgateway.handler.OnError;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnMessage;
import io.xmppgateway.handler.OnPresence;
import io.xmppgateway.handler.OnSet;
import io.xmppgateway.handler.OnSubscription;
import io.xmppgateway.handler.OnUnknownCommand;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.MessageType;

/**
 * Every handler bean of the application, found at startup through CDI ({@link BeanManager#getBeans}, by bean
 * class — never by instance class, which may be a client proxy). Not through {@code @Any Instance<Object>}: its
 * resolution keeps only the alternatives when there are any (Micrometer's registry is one), hiding every other
 * bean. Handler methods are declared on the bean class or inherited from its superclasses. Anything ambiguous or
 * unusable — two handlers for one thing, a parameter or return type the dispatcher cannot use — fails startup,
 * naming the methods (class#method), rather than leave a handler silently unused.
 */
@ApplicationScoped
public class Handlers {

    private static final Logger LOG = Logger.getLogger(Handlers.class);

    private static final List<Class<? extends Annotation>> HANDLER_ANNOTATIONS = List.of(OnGet.class, OnSet.class,
            OnMessage.class, OnPresence.class, OnSubscription.class, OnError.class, OnCommand.class,
            OnUnknownCommand.class);

    /** A namespace's get and set methods. */
    record IqMethods(Class<?> bean, Optional<HandlerMethod> get, Optional<HandlerMethod> set) {
        Optional<HandlerMethod> forType(IqType type) {
            return type == IqType.GET ? get : set;
        }
    }

    /** An {@link OnMessage} method and the types it takes. */
    record MessageMethod(HandlerMethod method, Set<MessageType> types) {
    }

    /** What discovery found, swapped in whole. */
    record Index(Map<String, IqMethods> iq, List<MessageMethod> messages, List<HandlerMethod> presence,
            List<HandlerMethod> subscriptions, List<HandlerMethod> errors, Map<String, HandlerMethod> commands,
            List<HandlerMethod> unknownCommands) {

        static final Index EMPTY = new Index(Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                List.of());
    }

    @Inject
    BeanManager beanManager;

    private volatile Index index = Index.EMPTY;

    /** Finds the handlers; called once at startup by the dispatcher. */
    void discover() {
        Map<Class<?>, Bean<?>> handlerBeans = new HashMap<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (isProducer(bean)) {
                // Its bean class is the class declaring the producer; its reference is the product, not a handler.
                continue;
            }
            Class<?> beanClass = bean.getBeanClass();
            if (beanClass.isAnnotationPresent(IqHandler.class) || !handlerMethods(beanClass).isEmpty()) {
                handlerBeans.put(beanClass, bean);
            }
        }
        Map<Class<?>, Object> references = new HashMap<>();
        handlerBeans.forEach((beanClass, bean) -> references.put(beanClass,
                beanManager.getReference(bean, Object.class, beanManager.createCreationalContext(bean))));
        Index found = index(references);
        index = found;
        LOG.infof("Handlers: IQ namespaces %s; %d message, %d presence, %d subscription, %d error, %d command handlers",
                found.iq().keySet(), found.messages().size(), found.presence().size(), found.subscriptions().size(),
                found.errors().size(), found.commands().size());
    }

    private static boolean isProducer(Bean<?> bean) {
        return bean instanceof InjectableBean<?> arc && (arc.getKind() == InjectableBean.Kind.PRODUCER_METHOD
                || arc.getKind() == InjectableBean.Kind.PRODUCER_FIELD);
    }

    /**
     * The handler methods of these beans, each called on its bean reference (a client proxy, maybe), found on its
     * bean class. Fails on anything ambiguous or unusable, naming the methods.
     */
    static Index index(Map<Class<?>, Object> beans) {
        Map<String, Class<?>> namespaces = iqNamespaces(beans.keySet());
        Map<String, IqMethods> iqMethods = new TreeMap<>();
        List<MessageMethod> messageMethods = new ArrayList<>();
        List<HandlerMethod> presenceMethods = new ArrayList<>();
        List<HandlerMethod> subscriptionMethods = new ArrayList<>();
        List<HandlerMethod> errorMethods = new ArrayList<>();
        Map<String, HandlerMethod> commandMethods = new HashMap<>();
        List<HandlerMethod> unknownCommandMethods = new ArrayList<>();

        for (Map.Entry<Class<?>, Object> entry : beans.entrySet()) {
            Class<?> beanClass = entry.getKey();
            Object bean = entry.getValue();
            if (!beanClass.isInstance(bean)) {
                throw new IllegalStateException("Handler bean " + beanClass.getName() + " is given as a "
                        + bean.getClass().getName() + ", on which its handler methods cannot be called");
            }
            IqHandler iqHandler = beanClass.getAnnotation(IqHandler.class);
            HandlerMethod get = null;
            HandlerMethod set = null;
            List<MessageMethod> beanMessages = new ArrayList<>();
            for (Found found : handlerMethods(beanClass)) {
                Method method = found.method();
                Method annotated = found.annotated();
                if (annotated.isAnnotationPresent(OnGet.class)) {
                    get = onlyOne(get, new HandlerMethod(bean, beanClass, method, annotated, OnGet.class), iqHandler);
                }
                if (annotated.isAnnotationPresent(OnSet.class)) {
                    set = onlyOne(set, new HandlerMethod(bean, beanClass, method, annotated, OnSet.class), iqHandler);
                }
                OnMessage onMessage = annotated.getAnnotation(OnMessage.class);
                if (onMessage != null) {
                    MessageMethod added = new MessageMethod(
                            new HandlerMethod(bean, beanClass, method, annotated, OnMessage.class),
                            Set.of(onMessage.types()));
                    checkTypesFree(beanMessages, added);
                    beanMessages.add(added);
                }
                if (annotated.isAnnotationPresent(OnPresence.class)) {
                    presenceMethods.add(new HandlerMethod(bean, beanClass, method, annotated, OnPresence.class));
                }
                if (annotated.isAnnotationPresent(OnSubscription.class)) {
                    subscriptionMethods.add(
                            new HandlerMethod(bean, beanClass, method, annotated, OnSubscription.class));
                }
                if (annotated.isAnnotationPresent(OnError.class)) {
                    errorMethods.add(new HandlerMethod(bean, beanClass, method, annotated, OnError.class));
                }
                if (annotated.isAnnotationPresent(OnUnknownCommand.class)) {
                    unknownCommandMethods.add(
                            new HandlerMethod(bean, beanClass, method, annotated, OnUnknownCommand.class));
                }
                OnCommand command = annotated.getAnnotation(OnCommand.class);
                if (command != null) {
                    HandlerMethod handler = new HandlerMethod(bean, beanClass, method, annotated, OnCommand.class);
                    HandlerMethod other = commandMethods.putIfAbsent(command.value(), handler);
                    if (other != null) {
                        throw new IllegalStateException("Two handlers for the command /" + command.value() + ": "
                                + other.name() + " and " + handler.name());
                    }
                }
            }
            messageMethods.addAll(beanMessages);
            if (iqHandler != null) {
                if (get == null && set == null) {
                    throw new IllegalStateException("@IqHandler " + beanClass.getName()
                            + " has no @OnGet or @OnSet method");
                }
                iqMethods.put(iqHandler.namespace(), new IqMethods(namespaces.get(iqHandler.namespace()),
                        Optional.ofNullable(get), Optional.ofNullable(set)));
            }
        }
        return new Index(Map.copyOf(iqMethods), List.copyOf(messageMethods), List.copyOf(presenceMethods),
                List.copyOf(subscriptionMethods), List.copyOf(errorMethods), Map.copyOf(commandMethods),
                List.copyOf(unknownCommandMethods));
    }

    /** The namespace of each {@link IqHandler} class; two classes for one namespace fail, naming both. */
    static Map<String, Class<?>> iqNamespaces(Collection<Class<?>> beanClasses) {
        Map<String, Class<?>> namespaces = new TreeMap<>();
        for (Class<?> beanClass : beanClasses) {
            IqHandler handler = beanClass.getAnnotation(IqHandler.class);
            if (handler == null) {
                continue;
            }
            Class<?> other = namespaces.putIfAbsent(handler.namespace(), beanClass);
            if (other != null) {
                throw new IllegalStateException("Two @IqHandler beans for namespace '" + handler.namespace() + "': "
                        + other.getName() + " and " + beanClass.getName() + " (one bean per namespace)");
            }
        }
        return namespaces;
    }

    /** One IQ method per type in a bean, and only in an {@link IqHandler} bean: a second one would never run. */
    private static HandlerMethod onlyOne(HandlerMethod existing, HandlerMethod added, IqHandler iqHandler) {
        if (iqHandler == null) {
            throw new IllegalStateException(added.annotation() + " method " + added.name()
                    + " is in a bean without @IqHandler(namespace = …), so it would never be called");
        }
        if (existing != null) {
            throw new IllegalStateException("Two " + added.annotation() + " methods for namespace '"
                    + iqHandler.namespace() + "': " + existing.name() + " and " + added.name()
                    + " (one per @IqHandler bean; one method may carry both @OnGet and @OnSet)");
        }
        return added;
    }

    /** Two @OnMessage methods of one bean for one message type would both run on it: one is a mistake. */
    private static void checkTypesFree(List<MessageMethod> beanMessages, MessageMethod added) {
        for (MessageMethod other : beanMessages) {
            List<String> shared = added.types().stream().filter(other.types()::contains).sorted()
                    .map(MessageType::wireName).toList();
            if (!shared.isEmpty()) {
                throw new IllegalStateException("Two @OnMessage methods for " + String.join(", ", shared)
                        + " messages in one bean: " + other.method().name() + " and " + added.method().name()
                        + " (one per message type in a bean; choose with @OnMessage(types = …))");
            }
        }
    }

    /** A handler method: the declaration that runs, and the one whose handler annotations count. */
    record Found(Method method, Method annotated) {
    }

    /**
     * The handler methods of a bean class, declared or inherited (from its superclasses, {@code Object} aside;
     * bridge and synthetic methods are the compiler's). A method overridden in a subclass is found once, as the
     * subclass's; its handler annotations are the override's, or, if it repeats none, those of the nearest method
     * it overrides that has any (the JAX-RS rule) — so overriding a handler never silently unregisters it.
     */
    static List<Found> handlerMethods(Class<?> beanClass) {
        List<Method> methods = new ArrayList<>();
        List<Method> annotated = new ArrayList<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                int overriding = overridingIndex(methods, method);
                if (overriding < 0) {
                    methods.add(method);
                    annotated.add(isHandler(method) ? method : null);
                } else if (annotated.get(overriding) == null && isHandler(method)) {
                    annotated.set(overriding, method);
                }
            }
        }
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            if (annotated.get(i) != null) {
                found.add(new Found(methods.get(i), annotated.get(i)));
            }
        }
        return found;
    }

    /** The index of the subclass method that overrides {@code method}, or -1. */
    private static int overridingIndex(List<Method> subclassMethods, Method method) {
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
            return -1;
        }
        boolean packagePrivate = !Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers);
        for (int i = 0; i < subclassMethods.size(); i++) {
            Method candidate = subclassMethods.get(i);
            if (candidate.getName().equals(method.getName())
                    && Arrays.equals(candidate.getParameterTypes(), method.getParameterTypes())
                    && !Modifier.isPrivate(candidate.getModifiers()) && !Modifier.isStatic(candidate.getModifiers())
                    && (!packagePrivate || candidate.getDeclaringClass().getPackageName()
                            .equals(method.getDeclaringClass().getPackageName()))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHandler(Method method) {
        for (Class<? extends Annotation> annotation : HANDLER_ANNOTATIONS) {
            if (method.isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** Every namespace with an IQ handler, for disco#info. */
    public Set<String> iqNamespaces() {
        return index.iq().keySet();
    }

    Optional<IqMethods> iq(String namespace) {
        return Optional.ofNullable(index.iq().get(namespace));
    }

    List<MessageMethod> messages() {
        return index.messages();
    }

    List<HandlerMethod> presence() {
        return index.presence();
    }

    List<HandlerMethod> subscriptions() {
        return index.subscriptions();
    }

    List<HandlerMethod> errors() {
        return index.errors();
    }

    Optional<HandlerMethod> command(String name) {
        return Optional.ofNullable(index.commands().get(name));
    }

    boolean hasCommands() {
        return !index.commands().isEmpty();
    }

    List<HandlerMethod> unknownCommands() {
        return index.unknownCommands();
    }
}
