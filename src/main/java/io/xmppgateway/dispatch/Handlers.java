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

    @Inject
    BeanManager beanManager;

    private volatile Map<String, IqMethods> iq = Map.of();
    private volatile List<MessageMethod> messages = List.of();
    private volatile List<HandlerMethod> presence = List.of();
    private volatile List<HandlerMethod> subscriptions = List.of();
    private volatile List<HandlerMethod> errors = List.of();
    private volatile Map<String, HandlerMethod> commands = Map.of();
    private volatile List<HandlerMethod> unknownCommands = List.of();

    /** Finds the handlers; called once at startup by the dispatcher. */
    void discover() {
        Map<Class<?>, Bean<?>> handlerBeans = new HashMap<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> beanClass = bean.getBeanClass();
            if (beanClass.isAnnotationPresent(IqHandler.class) || hasHandlerMethods(beanClass)) {
                handlerBeans.put(beanClass, bean);
            }
        }
        Map<String, Class<?>> namespaces = iqNamespaces(handlerBeans.keySet());
        Map<String, IqMethods> iqMethods = new TreeMap<>();
        List<MessageMethod> messageMethods = new ArrayList<>();
        List<HandlerMethod> presenceMethods = new ArrayList<>();
        List<HandlerMethod> subscriptionMethods = new ArrayList<>();
        List<HandlerMethod> errorMethods = new ArrayList<>();
        Map<String, HandlerMethod> commandMethods = new HashMap<>();
        List<HandlerMethod> unknownCommandMethods = new ArrayList<>();

        for (Map.Entry<Class<?>, Bean<?>> entry : handlerBeans.entrySet()) {
            Class<?> beanClass = entry.getKey();
            Object bean = beanManager.getReference(entry.getValue(), Object.class,
                    beanManager.createCreationalContext(entry.getValue()));
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
        iq = Map.copyOf(iqMethods);
        messages = List.copyOf(messageMethods);
        presence = List.copyOf(presenceMethods);
        subscriptions = List.copyOf(subscriptionMethods);
        errors = List.copyOf(errorMethods);
        commands = Map.copyOf(commandMethods);
        unknownCommands = List.copyOf(unknownCommandMethods);
        LOG.infof("Handlers: IQ namespaces %s; %d message, %d presence, %d subscription, %d error, %d command handlers",
                iq.keySet(), messages.size(), presence.size(), subscriptions.size(), errors.size(), commands.size());
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
        return iq.keySet();
    }

    Optional<IqMethods> iq(String namespace) {
        return Optional.ofNullable(iq.get(namespace));
    }

    List<MessageMethod> messages() {
        return messages;
    }

    List<HandlerMethod> presence() {
        return presence;
    }

    List<HandlerMethod> subscriptions() {
        return subscriptions;
    }

    List<HandlerMethod> errors() {
        return errors;
    }

    Optional<HandlerMethod> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    boolean hasCommands() {
        return !commands.isEmpty();
    }

    List<HandlerMethod> unknownCommands() {
        return unknownCommands;
    }
}
