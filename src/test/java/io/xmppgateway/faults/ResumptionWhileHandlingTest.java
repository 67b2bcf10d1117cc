package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.vertx.core.Handler;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.LinkProxy;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The link breaks while 20 inbound messages are still being handled (a slow handler holds them). The gateway
 * resumes the stream; the server sends those 20 again (the gateway's log says so for each copy); they are not
 * handled twice, and once the first copies are handed back, the {@code h} the gateway reports is exactly what the
 * server sent — both servers end a stream whose client acknowledges more ("Client acknowledged more stanzas than
 * sent by server"; Prosody logs "… but we sent …", ejabberd "… acknowledged N stanzas, but only M were sent"), which
 * the test would see as a third connection. Three kinds of break: silent, FIN, RST; against Prosody and ejabberd.
 */
class ResumptionWhileHandlingTest {

    enum Break {
        SILENT(LinkProxy::cutCurrentConnections),
        FIN(LinkProxy::closeCurrentConnections),
        RST(LinkProxy::resetCurrentConnections);

        final Consumer<LinkProxy> apply;

        Break(Consumer<LinkProxy> apply) {
            this.apply = apply;
        }
    }

    /** A handler that holds every message with a body until released, counting how often each reached it. */
    private static final class SlowHandler implements Handler<io.vertx.core.eventbus.Message<InboundStanza>> {
        final Map<String, Integer> seen = new ConcurrentHashMap<>();
        private final String prefix;
        private final List<io.vertx.core.eventbus.Message<InboundStanza>> held = new ArrayList<>();
        private boolean holding = true;

        /** Counts and holds messages whose body starts with {@code prefix}: this test's, not an earlier one's. */
        SlowHandler(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void handle(io.vertx.core.eventbus.Message<InboundStanza> request) {
            if (request.body().stanza() instanceof io.xmppgateway.stanza.Message message
                    && message.body().filter(body -> body.startsWith(prefix)).isPresent()) {
                seen.merge(message.body().get(), 1, Integer::sum);
                synchronized (this) {
                    if (holding) {
                        held.add(request);
                        return;
                    }
                }
            }
            request.reply(null);
        }

        synchronized void release() {
            holding = false;
            held.forEach(request -> request.reply(null));
            held.clear();
        }
    }

    /** Counts the gateway's "resent after the resumption: already read" lines: the copies the server sent again. */
    private static final class Copies extends java.util.logging.Handler {
        final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("resent after the resumption")) {
                count.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static Stream<Arguments> serversAndBreaks() {
        return XmppServer.both().flatMap(server -> Stream.of(Break.values()).map(kind -> Arguments.of(server, kind)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("serversAndBreaks")
    void whatIsStillBeingHandledIsCountedOnceAfterTheResumption(XmppServer server, Break kind) throws Exception {
        int logBefore = server.log().length();
        XMPPTCPConnection alice = SmackClients.connect(server, "alice");
        List<String> aliceGot = new CopyOnWriteArrayList<>();
        alice.addAsyncStanzaListener(stanza -> aliceGot.add(((Message) stanza).getBody()),
                MessageWithBodiesFilter.INSTANCE);
        SlowHandler handler = new SlowHandler(kind + " ");
        java.util.logging.Logger inbox = java.util.logging.Logger.getLogger("io.xmppgateway.stream.Inbox");
        java.util.logging.Level inboxLevel = inbox.getLevel();
        Copies copies = new Copies();
        copies.setLevel(java.util.logging.Level.ALL);
        inbox.setLevel(java.util.logging.Level.FINE);
        inbox.addHandler(copies);
        try (LinkProxy proxy = new LinkProxy(server.port());
             SessionHarness session = new SessionHarness(server, Map.of(
                     "xmpp.port", Integer.toString(proxy.port()),
                     "xmpp.resource", "resumption-" + server + "-" + kind,
                     "xmpp.sm.ack-timeout", "1s",
                     "xmpp.keepalive-interval", "2s",
                     "xmpp.keepalive-timeout", "1s"), handler)) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            send(alice, session, kind + " held", 20);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> handler.seen.size() == 20);

            kind.apply.accept(proxy);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> session.status.resumptions() == 1
                    && session.status.current().state() == SessionStatus.State.ONLINE);
            handler.release();
            send(alice, session, kind + " after", 5);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> handler.seen.size() == 25);

            // A round trip after the gateway's last acknowledgement: had it claimed too much, the server would
            // have ended the stream before routing this.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.status.unhandled() == 0);
            session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(io.xmppgateway.stanza.Message.builder()
                            .to(Jid.of(Prosody.jid("alice"))).type(MessageType.CHAT).body("probe").build()))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> aliceGot.contains("probe"));

            assertEquals(20, copies.count.get(), "the server sent the 20 unacknowledged messages again");
            assertTrue(handler.seen.values().stream().allMatch(count -> count == 1),
                    "every message reached the handler once: " + handler.seen);
            String log = server.log().substring(logBefore);
            assertFalse(log.contains("but we sent") || log.contains("were sent") || log.contains("acknowledged more"),
                    log);
            assertEquals(2, session.status.totalAttempts(), "one reconnection, resumed, never replaced");
            assertEquals(1, session.status.resumptions());
        } finally {
            inbox.removeHandler(copies);
            inbox.setLevel(inboxLevel);
            alice.disconnect();
        }
    }

    private static void send(XMPPTCPConnection from, SessionHarness to, String prefix, int count) throws Exception {
        String jid = to.status.current().session().orElseThrow().jid();
        for (int i = 0; i < count; i++) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(jid))
                    .ofType(Message.Type.chat).setBody(prefix + " " + i).build());
        }
    }
}
