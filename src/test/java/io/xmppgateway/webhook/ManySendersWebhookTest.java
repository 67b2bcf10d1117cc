package io.xmppgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.testing.TestConfigs;
import io.xmppgateway.testing.WebhookReceiver;

/**
 * 10,000 senders with one message each, POSTed to a real HTTP receiver: once all are delivered, the per-sender
 * queues that keep each sender's webhooks in order hold nothing.
 */
class ManySendersWebhookTest {

    private static final int SENDERS = 10_000;

    private final Vertx vertx = Vertx.vertx();
    private final WebhookReceiver app = WebhookReceiver.shared();

    @AfterEach
    void close() throws Exception {
        app.reset();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void tenThousandSendersLeaveNoQueuesBehind() throws Exception {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.vertx = vertx;
        delivery.config = TestConfigs.mapping(GatewayConfig.class, Map.of("gateway.webhook.url", app.url()));
        delivery.init();
        Context loop = vertx.getOrCreateContext();

        CompletableFuture<Integer> queuedWhileInFlight = new CompletableFuture<>();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        loop.runOnContext(v -> {
            List<Future<Void>> settled = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                settled.add(delivery.offer(Message.builder().from(Jid.of("sender" + i + "@example.org/phone"))
                        .to(Jid.of("bot@example.org/bot")).type(MessageType.CHAT).body("hello " + i).build()));
            }
            queuedWhileInFlight.complete(delivery.senders());
            Future.all(settled).onComplete(done -> delivered.complete(null));
        });
        assertEquals(SENDERS, queuedWhileInFlight.get(10, TimeUnit.SECONDS));
        delivered.get(120, TimeUnit.SECONDS);

        CompletableFuture<Integer> left = new CompletableFuture<>();
        loop.runOnContext(v -> left.complete(delivery.senders()));
        assertEquals(0, left.get(10, TimeUnit.SECONDS), "a sender with nothing in flight has no queue");
        assertEquals(0, delivery.deadLettered());
        int received = 0;
        while (app.next(0.5) != null) {
            received++;
        }
        assertEquals(SENDERS, received);
    }
}
