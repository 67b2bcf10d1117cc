package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnCommand;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnMessage;
import io.xmppgateway.handler.OnSet;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;

/** Two handlers for the same thing fail startup, naming both methods, instead of one silently winning. */
class HandlerDuplicatesTest {

    @IqHandler(namespace = "urn:example:weather")
    static class TwoGets {
        @OnGet
        Element forecast() {
            return null;
        }

        @OnGet
        Element radar() {
            return null;
        }
    }

    @IqHandler(namespace = "urn:example:weather")
    static class TwoSets {
        @OnSet
        void store() {
        }

        @OnSet
        void replace() {
        }
    }

    /** One method may answer both get and set. */
    @IqHandler(namespace = "urn:example:weather")
    static class GetAndSet {
        @OnGet
        @OnSet
        Element both() {
            return null;
        }
    }

    static class TwoEchoes {
        @OnMessage
        void echo(Message message) {
        }

        @OnMessage
        void log(Message message) {
        }
    }

    static class OverlappingTypes {
        @OnMessage(types = MessageType.CHAT)
        void chat(Message message) {
        }

        @OnMessage(types = {MessageType.GROUPCHAT, MessageType.CHAT})
        void rooms(Message message) {
        }
    }

    static class DistinctTypes {
        @OnMessage(types = MessageType.CHAT)
        void chat(Message message) {
        }

        @OnMessage(types = MessageType.GROUPCHAT)
        void rooms(Message message) {
        }
    }

    static class OtherBot {
        @OnMessage
        void echo(Message message) {
        }

        @OnCommand("weather")
        void weather(Message message) {
        }
    }

    static class WeatherBot {
        @OnCommand("weather")
        void weather(Message message) {
        }
    }

    /** An @OnGet outside an @IqHandler would never be called. */
    static class StrayGet {
        @OnGet
        Element forecast() {
            return null;
        }
    }

    private static IllegalStateException failure(Object... beans) {
        Map<Class<?>, Object> references = new LinkedHashMap<>();
        for (Object bean : beans) {
            references.put(bean.getClass(), bean);
        }
        return assertThrows(IllegalStateException.class, () -> Handlers.index(references));
    }

    private static void assertNames(IllegalStateException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void twoOnGetInOneBeanFailNamingBoth() {
        assertNames(failure(new TwoGets()), "@OnGet", TwoGets.class.getName() + "#forecast",
                TwoGets.class.getName() + "#radar");
    }

    @Test
    void twoOnSetInOneBeanFailNamingBoth() {
        assertNames(failure(new TwoSets()), "@OnSet", TwoSets.class.getName() + "#store",
                TwoSets.class.getName() + "#replace");
    }

    @Test
    void oneMethodMayAnswerGetAndSet() {
        Handlers.IqMethods methods = Handlers.index(Map.of(GetAndSet.class, new GetAndSet()))
                .iq().get("urn:example:weather");
        assertTrue(methods.get().isPresent() && methods.set().isPresent());
    }

    @Test
    void twoOnMessageForTheSameTypesInOneBeanFailNamingBoth() {
        assertNames(failure(new TwoEchoes()), "@OnMessage", TwoEchoes.class.getName() + "#echo",
                TwoEchoes.class.getName() + "#log");
    }

    @Test
    void twoOnMessageWithOverlappingTypesInOneBeanFailNamingTheType() {
        assertNames(failure(new OverlappingTypes()), "@OnMessage", "chat",
                OverlappingTypes.class.getName() + "#chat", OverlappingTypes.class.getName() + "#rooms");
    }

    @Test
    void onMessageForDistinctTypesInOneBeanAreBothKept() {
        assertEquals(2, Handlers.index(Map.of(DistinctTypes.class, new DistinctTypes())).messages().size());
    }

    @Test
    void onMessageInTwoBeansAreBothKept() {
        Map<Class<?>, Object> beans = Map.of(TwoEchoesFixed.class, new TwoEchoesFixed(), DistinctTypes.class,
                new DistinctTypes());
        assertEquals(3, Handlers.index(beans).messages().size());
    }

    static class TwoEchoesFixed {
        @OnMessage
        void echo(Message message) {
        }
    }

    @Test
    void oneCommandInTwoBeansFailsNamingBoth() {
        assertNames(failure(new OtherBot(), new WeatherBot()), "/weather", OtherBot.class.getName() + "#weather",
                WeatherBot.class.getName() + "#weather");
    }

    @Test
    void onGetOutsideAnIqHandlerFails() {
        assertNames(failure(new StrayGet()), "@IqHandler", StrayGet.class.getName() + "#forecast");
    }
}
