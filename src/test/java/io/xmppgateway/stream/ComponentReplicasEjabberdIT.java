package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;

/**
 * Two replicas of the gateway as component {@value Prosody#APP_DOMAIN} on ejabberd with
 * {@code xmpp.component.connections=all}, sharing one Redis: both connect and are ready, and what a Smack user sends
 * to {@value #ADDRESSES} addresses of the domain reaches the app's webhooks exactly once across the two — ejabberd
 * (no {@code domain_balancing} for the domain, its default) hands each stanza to one of the connections, both of
 * them used. Each replica's webhooks go to a path of their own, so that the test sees which one delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComponentReplicasEjabberdIT {

    private static final int ADDRESSES = 10;
    private static final int MESSAGES_EACH = 3;

    private final List<GatewayProcess> replicas = new ArrayList<>();
    private final WebhookReceiver app = WebhookReceiver.shared();

    @BeforeAll
    void startTwoReplicas() throws Exception {
        Assumptions.assumeTrue(GatewayProcess.packaged(), "the gateway is not packaged (./mvnw package)");
        app.reset();
        replicas.addAll(GatewayProcess.startReplicas("component-ejabberd-replica", 2, i -> {
            Map<String, String> config = new HashMap<>(Ejabberd.shared().componentGatewayConfig());
            config.put("xmpp.component.connections", "all");
            config.put("gateway.webhook.url", app.url() + "/replica-" + i);
            return config;
        }));
        for (GatewayProcess replica : replicas) {
            replica.awaitReady(Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void stopReplicas() throws InterruptedException {
        GatewayProcess.closeAll(replicas);
    }

    @Test
    void bothConnectAndEveryMessageReachesTheAppOnceThroughOneOfThem() throws Exception {
        for (GatewayProcess replica : replicas) {
            assertEquals("online", replica.session().path("state").asText());
            assertEquals("active", replica.session().path("role").asText());
            assertTrue(replica.ready());
        }
        int total = ADDRESSES * MESSAGES_EACH;
        XMPPTCPConnection alice = SmackClients.connect(Ejabberd.shared(), "alice");
        try {
            for (int i = 0; i < total; i++) {
                String to = "u" + (i % ADDRESSES) + "@" + Prosody.APP_DOMAIN;
                alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to))
                        .ofType(Message.Type.chat).setBody("balanced " + i).build());
            }
        } finally {
            alice.disconnect();
        }
        Map<String, List<String>> deliveredBy = new TreeMap<>(); // body → the replicas whose webhook had it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            WebhookReceiver.Request request = app.next(0.5);
            if (request == null && deliveredBy.size() == total) {
                break; // all arrived, and no second copy within half a second
            }
            if (request == null || !request.path().endsWith("/_ah/xmpp/message/chat/")) {
                continue;
            }
            String body = request.fields().get("body");
            int i = Integer.parseInt(body.substring("balanced ".length()));
            assertEquals("u" + (i % ADDRESSES) + "@" + Prosody.APP_DOMAIN, request.fields().get("to"));
            deliveredBy.computeIfAbsent(body, b -> new ArrayList<>())
                    .add(request.path().substring(1, request.path().indexOf('/', 1)));
        }
        Map<String, Long> perReplica = new TreeMap<>();
        deliveredBy.values().forEach(by -> by.forEach(replica -> perReplica.merge(replica, 1L, Long::sum)));
        System.out.printf("ejabberd, two component connections: %d of %d messages reached the webhooks, per replica "
                + "%s%n", deliveredBy.size(), total, perReplica);
        assertEquals(total, deliveredBy.size(), "every message reached the app: " + deliveredBy.keySet());
        deliveredBy.forEach((body, by) -> assertEquals(1, by.size(), "'" + body + "' once, through " + by));
        assertEquals(2, perReplica.size(), "ejabberd used both connections: " + perReplica);
    }
}
