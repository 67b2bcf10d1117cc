package io.xmppgateway.testing;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnCommand;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnMessage;
import io.xmppgateway.handler.OnSet;
import io.xmppgateway.handler.OnSubscription;
import io.xmppgateway.handler.OnUnknownCommand;
import io.xmppgateway.handler.XmppErrorException;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.StanzaError;

/** Handler beans deployed with the gateway under test, as an application would write them. */
public final class TestHandlers {

    public static final String ECHO = "urn:test:echo";
    public static final String BOOM = "urn:test:boom";

    /** Messages seen by {@link Chat#onMessage}. */
    public static final BlockingQueue<Message> MESSAGES = new LinkedBlockingQueue<>();

    /** Subscription presence seen by {@link Chat#onSubscription}. */
    public static final BlockingQueue<Presence> SUBSCRIPTIONS = new LinkedBlockingQueue<>();

    private TestHandlers() {
    }

    /**
     * Not a handler: an application's own {@code @Alternative} bean. With one in the application, CDI's typesafe
     * resolution of {@code Object} keeps only alternatives, so handler discovery must not rely on it.
     */
    @ApplicationScoped
    @Alternative
    @Priority(1)
    public static class SomeAlternative {
    }

    /** Answers get with what it was asked and who asked (on a worker); set refuses "forbidden" (on the event loop). */
    @ApplicationScoped
    @IqHandler(namespace = ECHO)
    public static class Echo {
        @OnGet
        Element get(Element query, Jid from) {
            return Element.builder("query", ECHO)
                    .textChild("said", query.text())
                    .textChild("from", from.toString())
                    .textChild("thread", Thread.currentThread().getName())
                    .build();
        }

        @OnSet
        Uni<Element> set(Element query) {
            if (query.text().equals("forbidden")) {
                throw new XmppErrorException(StanzaError.Condition.NOT_ALLOWED, "not that");
            }
            return Uni.createFrom().nullItem();
        }
    }

    /** Fails: the requester must see internal-server-error, never the exception. */
    @ApplicationScoped
    @IqHandler(namespace = BOOM)
    public static class Boom {
        @OnGet
        Element get() {
            throw new IllegalStateException("secret internals");
        }
    }

    /** A chat bot with commands, after App Engine's CommandHandler. */
    @ApplicationScoped
    public static class Chat {
        @OnMessage
        void onMessage(Message message) {
            MESSAGES.add(message);
        }

        @OnCommand("echo")
        Message echo(Message message, String argument) {
            return message.reply("echo: " + argument);
        }

        @OnUnknownCommand
        Message unknown(Message message, String body) {
            return message.reply("unknown command " + body);
        }

        @OnSubscription
        void onSubscription(Presence presence) {
            SUBSCRIPTIONS.add(presence);
        }
    }
}
