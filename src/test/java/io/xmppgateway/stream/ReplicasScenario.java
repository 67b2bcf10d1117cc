package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * Three replicas of the gateway, as {@code k8s/ha} runs them: the packaged jar started three times (each its own JVM,
 * its own resource) against one XMPP server and one Redis ({@code gateway.store=redis}). One is active and alone hands
 * a subscription request on (every replica gets it); a Smack user
 * writes to the account's bare JID while the active replica is killed ({@code kill -9}), and then while the next one
 * is stopped (SIGTERM): every message reaches the webhook, a copy carries the same {@code webhook-id}, and the
 * replicas never stopped stay on their first connection. The steps run in order on the same replicas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReplicasScenario {

    private static final String CHAT = "/_ah/xmpp/message/chat/";
    private static final Duration LEASE_TTL = Duration.ofSeconds(6); // xmpp.lease.ttl's default
    private static final int BURST = 200;

    private final List<GatewayProcess> replicas = new ArrayList<>();
    private final WebhookReceiver app = WebhookReceiver.shared();
    private XMPPTCPConnection alice;
    private long startedAt;

    abstract XmppServer server();

    /** How long the three replicas must stay on their first connection: a minute, as the issue asks, on Prosody. */
    Duration onlineFor() {
        return Duration.ofMinutes(1);
    }

    @BeforeAll
    void startThreeReplicas() throws Exception {
        Assumptions.assumeTrue(GatewayProcess.packaged(), "the gateway is not packaged (./mvnw package)");
        app.reset();
        replicas.addAll(GatewayProcess.startReplicas(server() + "-replica", 3, i -> server().gatewayConfig()));
        for (GatewayProcess replica : replicas) {
            replica.awaitReady(Duration.ofSeconds(60));
        }
        startedAt = System.nanoTime();
        alice = SmackClients.connect(server(), "alice");
    }

    @AfterAll
    void stopReplicas() throws InterruptedException {
        if (alice != null) {
            alice.disconnect();
        }
        GatewayProcess.closeAll(replicas);
    }

    @Test
    @Order(1)
    void exactlyOneReplicaIsActiveAndTheOthersNameIt() {
        GatewayProcess active = awaitOneActive(Duration.ofSeconds(20));
        String name = "replica-" + (replicas.indexOf(active) + 1);
        Awaitility.await().atMost(LEASE_TTL).until(() -> replicas.stream()
                .allMatch(replica -> name.equals(replica.session().path("activeReplica").asText())));
    }

    @Test
    @Order(2)
    void threeReplicasStayOnlineWithoutAReconnect() throws Exception {
        // The duration is what is tested: meanwhile nothing may make a replica reconnect (a resource conflict would).
        Thread.sleep(Math.max(0, onlineFor().toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)));
        for (GatewayProcess replica : replicas) {
            assertEquals("online", replica.session().path("state").asText(), "replica " + replica.url());
            assertEquals(1.0, replica.metric("xmpp_session_connection_attempts_total"),
                    "connections made by " + replica.url());
        }
    }

    @Test
    @Order(3)
    void aSubscriptionRequestReachesTheAppOnceFromTheActiveReplica() throws Exception {
        XMPPTCPConnection carol = SmackClients.connect(server(), "carol");
        try {
            app.reset();
            carol.sendStanza(carol.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).build());
            // Then one message to each replica's own resource: each hands carol's stanzas on in order, so once the
            // three have arrived, any replica's copy of the request would have arrived before.
            for (int i = 1; i <= replicas.size(); i++) {
                carol.sendStanza(carol.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY) + "/replica-" + i)).ofType(Message.Type.chat)
                        .setBody("after the request " + i).build());
            }
            int requests = 0;
            Set<String> after = new java.util.HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (after.size() < replicas.size() && System.nanoTime() < deadline) {
                WebhookReceiver.Request request = app.next(1);
                if (request == null || !request.fields().getOrDefault("from", "").startsWith(Prosody.jid("carol"))) {
                    continue;
                }
                if (request.path().equals("/_ah/xmpp/subscription/subscribe/")) {
                    requests++;
                } else if (request.path().equals(CHAT)) {
                    after.add(request.fields().get("body"));
                }
            }
            assertEquals(replicas.size(), after.size(), "a message reached each replica: " + after);
            assertEquals(1, requests, "the subscription request reached the app once, through the active replica");
        } finally {
            carol.disconnect();
        }
    }

    @Test
    @Order(4)
    void whenTheActiveReplicaIsKilledAStandbyTakesOverAndEveryMessageArrives() throws Exception {
        GatewayProcess killed = awaitOneActive(Duration.ofSeconds(10));
        Map<String, List<String>> delivered = burst("kill", () -> {
            try {
                killed.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(!killed.alive(), "killed");
        GatewayProcess next = awaitOneActive(LEASE_TTL.multipliedBy(3));
        assertTrue(next != killed);
        assertEveryMessageOnceOrWithTheSameId("kill -9", delivered);
    }

    @Test
    @Order(5)
    void whenTheActiveReplicaIsStoppedItHandsOverAndEveryMessageArrives() throws Exception {
        GatewayProcess stopped = awaitOneActive(Duration.ofSeconds(10));
        Map<String, List<String>> delivered = burst("sigterm", stopped::terminate);
        GatewayProcess next = awaitOneActive(LEASE_TTL.multipliedBy(3));
        assertTrue(next != stopped);
        assertEveryMessageOnceOrWithTheSameId("SIGTERM", delivered);
    }

    /**
     * Alice writes {@value #BURST} messages to the bare JID, one every 20 ms, doing {@code midway} after the first
     * quarter; answers, once each has reached the webhook, the {@code webhook-id}s each body arrived with.
     */
    private Map<String, List<String>> burst(String name, Runnable midway) throws Exception {
        app.reset();
        for (int i = 0; i < BURST; i++) {
            if (i == BURST / 4) {
                midway.run();
            }
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).ofType(Message.Type.chat)
                    .setBody(name + " " + i).build());
            Thread.sleep(20); // the sender's pace, not a wait for anything
        }
        Map<String, List<String>> delivered = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (delivered.size() < BURST && System.nanoTime() < deadline) {
            WebhookReceiver.Request request = app.next(CHAT, 1);
            if (request != null && request.fields().getOrDefault("body", "").startsWith(name + " ")) {
                delivered.computeIfAbsent(request.fields().get("body"), body -> new ArrayList<>())
                        .add(request.header("webhook-id"));
            }
        }
        return delivered;
    }

    private void assertEveryMessageOnceOrWithTheSameId(String fault, Map<String, List<String>> delivered) {
        Map<String, List<String>> copies = delivered.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        System.out.printf("%s, %s: %d of %d messages reached the webhook, %d of them more than once%n", server(),
                fault, delivered.size(), BURST, copies.size());
        assertEquals(BURST, delivered.size(), "delivered across " + fault + ": " + delivered.keySet());
        copies.forEach((body, ids) -> assertEquals(1, Set.copyOf(ids).size(),
                "copies of '" + body + "' carry one webhook-id: " + ids));
    }

    /** Waits until exactly one of the replicas still running says it is active, and answers it. */
    private GatewayProcess awaitOneActive(Duration timeout) {
        return GatewayProcess.awaitOne(replicas, replica -> "active".equals(replica.session().path("role").asText()),
                timeout);
    }
}
