package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;

/**
 * Three replicas of the gateway as component {@value Prosody#APP_DOMAIN} on Prosody, which takes one connection per
 * component ({@code xmpp.component.connections=one}, the default): the packaged jar started three times against one
 * Redis. Exactly one connects and is ready; the others hold no connection, are not ready, refuse sends (503) and
 * name it. When it is killed ({@code kill -9}) another connects within about the lease's time to live; when that one
 * is stopped (SIGTERM) it gives the lease up once its stream is drained and closed, and the last connects at its
 * next claim. Each
 * time a send through the new one gets 200 and reaches a Smack user. The steps run in order on the same replicas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentReplicasIT {

    private static final Duration LEASE_TTL = Duration.ofSeconds(6); // xmpp.lease.ttl's default

    private final List<GatewayProcess> replicas = new ArrayList<>();
    private XMPPTCPConnection alice;
    private SmackInbox<Message> aliceInbox;

    @BeforeAll
    void startThreeReplicas() throws Exception {
        Assumptions.assumeTrue(GatewayProcess.packaged(), "the gateway is not packaged (./mvnw package)");
        replicas.addAll(GatewayProcess.startReplicas("component-replica", 3,
                i -> Prosody.shared().componentGatewayConfig()));
        alice = SmackClients.connect(Prosody.shared(), "alice");
        aliceInbox = new SmackInbox<>(alice, MessageWithBodiesFilter.INSTANCE);
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
    void exactlyOneConnectsAndTheOthersStandByNamingIt() throws Exception {
        GatewayProcess connected = awaitOneConnected(Duration.ofSeconds(60)); // three JVMs start on two cores
        String name = nameOf(connected);
        Awaitility.await().atMost(LEASE_TTL).until(() -> replicas.stream().filter(other -> other != connected)
                .map(GatewayProcess::session)
                .allMatch(other -> "standby".equals(other.path("state").asText())
                        && "standby".equals(other.path("role").asText())
                        && name.equals(other.path("activeReplica").asText())));
        for (GatewayProcess replica : replicas) {
            assertEquals(replica == connected, replica.ready(), nameOf(replica) + " ready");
            if (replica != connected) {
                assertEquals(503, send(replica, "from a standby").statusCode(), "a standby refuses sends");
                // Probed many times above and not ready by design: the gateway says so once, not once a probe.
                String log = replica.log();
                assertTrue(log.contains("Standing by: "), log);
                assertFalse(log.contains("SRHCK01001"), "SmallRye's line for each probe answered DOWN:\n" + log);
            }
        }
        assertSendArrives(connected, "from the one connected");
    }

    @Test
    @Order(2)
    void whenTheConnectedReplicaIsKilledAnotherConnectsWithinTheLease() throws Exception {
        takenOver("kill -9", replica -> {
            try {
                replica.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, LEASE_TTL.multipliedBy(2));
    }

    @Test
    @Order(3)
    void whenTheConnectedReplicaIsStoppedTheLastConnectsOnceItClosed() throws Exception {
        // Its stop (nothing to drain: a second or so on a busy machine), then the last replica's next claim (every
        // 2 s): 1.1–2.0 s measured, short of the 6–8 s a lease's expiry would take.
        takenOver("SIGTERM", GatewayProcess::terminate, LEASE_TTL.dividedBy(3).plusSeconds(3));
    }

    /** Ends the connected replica by {@code fault}: another connects within {@code within}, and sends. */
    private void takenOver(String fault, Consumer<GatewayProcess> end, Duration within) throws Exception {
        GatewayProcess ended = awaitOneConnected(Duration.ofSeconds(10));
        long start = System.nanoTime();
        end.accept(ended);
        GatewayProcess next = awaitOneConnected(within);
        System.out.printf("component, %s: %s connected %d ms after %s was ended%n", fault, nameOf(next),
                Duration.ofNanos(System.nanoTime() - start).toMillis(), nameOf(ended));
        assertNotSame(ended, next);
        assertSendArrives(next, "after " + fault);
    }

    /** The one replica still running that is connected and ready. */
    private GatewayProcess awaitOneConnected(Duration timeout) {
        return GatewayProcess.awaitOne(replicas, replica -> "online".equals(replica.session().path("state").asText())
                && replica.ready(), timeout);
    }

    private void assertSendArrives(GatewayProcess replica, String body) throws Exception {
        HttpResponse<String> response = send(replica, body);
        assertEquals(200, response.statusCode(), response.body());
        Message received = aliceInbox.next(Duration.ofSeconds(10));
        assertTrue(received != null, "alice got '" + body + "'");
        assertEquals(body, received.getBody());
        // A bare from gets xmpp.resource, here (as in k8s/ha) the replica's name: it says who sent.
        assertEquals("news@" + Prosody.APP_DOMAIN + "/" + nameOf(replica), received.getFrom().toString());
    }

    private static HttpResponse<String> send(GatewayProcess replica, String body) throws Exception {
        return replica.post("/v1/messages", "{\"to\": [\"" + Prosody.jid("alice") + "\"], \"from\": \"news@"
                + Prosody.APP_DOMAIN + "\", \"body\": \"" + body + "\"}");
    }

    private String nameOf(GatewayProcess replica) {
        return "replica-" + (replicas.indexOf(replica) + 1);
    }
}
