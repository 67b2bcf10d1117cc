package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnError;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.handler.OnMessage;
import io.xmppgateway.handler.OnPresence;
import io.xmppgateway.handler.OnSet;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.Stanza;

/**
 * A return type the dispatcher cannot use fails startup, naming the method and what it may return — rather than
 * silently answering an empty result, or sending nothing.
 */
class HandlerReturnTypesTest {

    private static final String NS = "urn:example:weather";

    @IqHandler(namespace = NS)
    static class ReturnsInt {
        @OnGet
        int count() {
            return 3;
        }
    }

    @IqHandler(namespace = NS)
    static class ReturnsList {
        @OnGet
        List<String> names() {
            return List.of("a");
        }
    }

    @IqHandler(namespace = NS)
    static class ReturnsUniOfString {
        @OnSet
        Uni<String> store() {
            return Uni.createFrom().item("a");
        }
    }

    @IqHandler(namespace = NS)
    static class ReturnsAStanza {
        @OnGet
        Message forecast(Message request) {
            return request;
        }
    }

    @IqHandler(namespace = NS)
    static class ReturnsRawUni {
        @OnGet
        @SuppressWarnings("rawtypes")
        Uni forecast() {
            return Uni.createFrom().nullItem();
        }
    }

    static class MessageReturnsElement {
        @OnMessage
        Element echo(Message message) {
            return message.element();
        }
    }

    static class MessageReturnsUniOfList {
        @OnMessage
        Uni<List<String>> echo(Message message) {
            return Uni.createFrom().item(List.of());
        }
    }

    @IqHandler(namespace = NS)
    static class IqAccepted {
        @OnGet
        Element get() {
            return null;
        }

        @OnSet
        CompletableFuture<? extends Element> set() {
            return CompletableFuture.completedFuture(null);
        }
    }

    @IqHandler(namespace = "urn:example:void")
    static class IqAcceptedToo {
        @OnGet
        Uni<Void> get() {
            return Uni.createFrom().voidItem();
        }

        @OnSet
        void set() {
        }
    }

    static class StanzaAccepted {
        @OnMessage(types = MessageType.CHAT)
        Message chat(Message message) {
            return message;
        }

        @OnMessage(types = MessageType.NORMAL)
        CompletionStage<Stanza> normal(Message message) {
            return CompletableFuture.completedFuture(message);
        }

        @OnMessage(types = MessageType.HEADLINE)
        Uni<Void> headline(Message message) {
            return Uni.createFrom().voidItem();
        }

        @OnPresence
        Uni<Presence> presence(Presence presence) {
            return Uni.createFrom().nullItem();
        }

        @OnError
        void error(Stanza stanza) {
        }
    }

    private static String failure(Object bean) {
        return assertThrows(IllegalStateException.class,
                () -> Handlers.index(Map.of(bean.getClass(), bean))).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    private static void assertSaysWhatIqMethodsReturn(String message) {
        assertContains(message, "void", "Element", "Uni", "CompletionStage");
    }

    @Test
    void onGetReturningIntFailsNamingTheMethodAndTheAcceptedTypes() {
        String message = failure(new ReturnsInt());
        assertContains(message, ReturnsInt.class.getName() + "#count", "int");
        assertSaysWhatIqMethodsReturn(message);
    }

    @Test
    void onGetReturningAListFails() {
        String message = failure(new ReturnsList());
        assertContains(message, ReturnsList.class.getName() + "#names", "List<java.lang.String>");
        assertSaysWhatIqMethodsReturn(message);
    }

    @Test
    void onSetReturningAUniOfSomethingElseFails() {
        String message = failure(new ReturnsUniOfString());
        assertContains(message, ReturnsUniOfString.class.getName() + "#store", "Uni<java.lang.String>");
        assertSaysWhatIqMethodsReturn(message);
    }

    @Test
    void onGetReturningAStanzaInsteadOfAPayloadFails() {
        assertSaysWhatIqMethodsReturn(failure(new ReturnsAStanza()));
    }

    @Test
    void onGetReturningARawUniFails() {
        assertSaysWhatIqMethodsReturn(failure(new ReturnsRawUni()));
    }

    @Test
    void onMessageReturningAnElementFailsSayingItSendsAStanza() {
        String message = failure(new MessageReturnsElement());
        assertContains(message, MessageReturnsElement.class.getName() + "#echo", "void", "Stanza", "Message", "Uni",
                "CompletionStage");
    }

    @Test
    void onMessageReturningAUniOfAListFails() {
        assertContains(failure(new MessageReturnsUniOfList()), MessageReturnsUniOfList.class.getName() + "#echo");
    }

    @Test
    void usableReturnTypesAreAccepted() {
        Handlers.Index index = assertDoesNotThrow(() -> Handlers.index(Map.of(IqAccepted.class, new IqAccepted(),
                IqAcceptedToo.class, new IqAcceptedToo(), StanzaAccepted.class, new StanzaAccepted())));
        assertEquals(2, index.iq().size());
        assertEquals(3, index.messages().size());
        assertEquals(1, index.presence().size());
        assertEquals(1, index.errors().size());
    }
}
