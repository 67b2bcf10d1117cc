package io.xmppgateway.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
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
 * resolution keeps only the alternatives when there are any (Micrometer's registry is one), hiding every other bean. Ambiguities fail startup, naming both beans.
 */
@ApplicationScoped
public class Handlers {

    private static final Logger LOG = Logger.getLogger(Handlers.class);

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
            Class<?> beanClass = bean.getBeanClass();
            if (beanClass.isAnnotationPresent(IqHandler.class) || hasHandlerMethods(beanClass)) {
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
            HandlerMethod get = null;
            HandlerMethod set = null;
            for (Method method : beanClass.getDeclaredMethods()) {
                if (method.isAnnotationPresent(OnGet.class)) {
                    get = new HandlerMethod(bean, beanClass, method);
                }
                if (method.isAnnotationPresent(OnSet.class)) {
                    set = new HandlerMethod(bean, beanClass, method);
                }
                OnMessage onMessage = method.getAnnotation(OnMessage.class);
                if (onMessage != null) {
                    messageMethods.add(new MessageMethod(new HandlerMethod(bean, beanClass, method),
                            Set.of(onMessage.types())));
                }
                if (method.isAnnotationPresent(OnPresence.class)) {
                    presenceMethods.add(new HandlerMethod(bean, beanClass, method));
                }
                if (method.isAnnotationPresent(OnSubscription.class)) {
                    subscriptionMethods.add(new HandlerMethod(bean, beanClass, method));
                }
                if (method.isAnnotationPresent(OnError.class)) {
                    errorMethods.add(new HandlerMethod(bean, beanClass, method));
                }
                if (method.isAnnotationPresent(OnUnknownCommand.class)) {
                    unknownCommandMethods.add(new HandlerMethod(bean, beanClass, method));
                }
                OnCommand command = method.getAnnotation(OnCommand.class);
                if (command != null) {
                    HandlerMethod handler = new HandlerMethod(bean, beanClass, method);
                    HandlerMethod other = commandMethods.putIfAbsent(command.value(), handler);
                    if (other != null) {
                        throw new IllegalStateException("Two handlers for the command /" + command.value() + ": "
                                + other.name() + " and " + handler.name());
                    }
                }
            }
            IqHandler iqHandler = beanClass.getAnnotation(IqHandler.class);
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

    private static boolean hasHandlerMethods(Class<?> beanClass) {
        for (Method method : beanClass.getDeclaredMethods()) {
            if (method.isAnnotationPresent(OnMessage.class) || method.isAnnotationPresent(OnPresence.class)
                    || method.isAnnotationPresent(OnSubscription.class) || method.isAnnotationPresent(OnError.class)
                    || method.isAnnotationPresent(OnCommand.class)
                    || method.isAnnotationPresent(OnUnknownCommand.class)) {
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
