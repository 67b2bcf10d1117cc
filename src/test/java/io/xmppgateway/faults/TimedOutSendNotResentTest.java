package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.LinkProxy;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * A stanza written onto a link that silently died is not acknowledged by its deadline: its caller is told
 * {@code TIMED_OUT} at the deadline — and when the gateway resumes the stream, it is not resent, though the server
 * never got it. A later message goes through and arrives; the timed-out one never does.
 */
class TimedOutSendNotResentTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void aSendWhoseCallerTimedOutIsLeftOutOfTheResumption(XmppServer server) throws Exception {
        XMPPTCPConnection bob = SmackClients.connect(server, "bob");
        List<String> received = new CopyOnWriteArrayList<>();
        bob.addAsyncStanzaListener(stanza -> received.add(((Message) stanza).getBody()),
                MessageWithBodiesFilter.INSTANCE);
        try (LinkProxy proxy = new LinkProxy(server.port());
             SessionHarness session = new SessionHarness(server, Map.of(
                     "xmpp.port", Integer.toString(proxy.port()),
                     "xmpp.sm.ack-timeout", "3s",
                     "xmpp.keepalive-interval", "60s"))) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            int attempts = session.status.totalAttempts();
            proxy.cutCurrentConnections();

            String late = "timed out " + StanzaIds.next();
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            long start = System.nanoTime();
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(message(late))
                            .withDeadline(deadline)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(failed.getCause() instanceof ReplyException, failed.toString());
            assertEquals(SendFailure.TIMED_OUT.busCode(), ((ReplyException) failed.getCause()).failureCode(),
                    failed.getCause().getMessage());
            assertTrue(elapsedMillis >= 900 && elapsedMillis < 2_500, "failed at its deadline: " + elapsedMillis + " ms");

            // The acknowledgement timeout finds the link dead; the gateway reconnects and resumes.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> session.status.totalAttempts() > attempts
                    && session.status.current().state() == SessionStatus.State.ONLINE);
            String marker = "after the resumption " + StanzaIds.next();
            Object receipt = session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(message(marker)))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).body();
            assertTrue(receipt instanceof SendReceipt, "a receipt, not " + receipt);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(marker));
            assertFalse(received.contains(late), "the send whose caller timed out was never resent: " + received);
        } finally {
            bob.disconnect();
        }
    }

    private static io.xmppgateway.stanza.Message message(String body) {
        return io.xmppgateway.stanza.Message.builder().to(Jid.of(Prosody.jid("bob"))).id(StanzaIds.next())
                .body(body).build();
    }
}
