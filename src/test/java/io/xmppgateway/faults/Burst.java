package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * 2,000 sends through the HTTP API, in flight while the server is taken down and brought back; the caller retries
 * what failed with a retryable status, with the same {@code Idempotency-Key}. Afterwards every send has had its 200
 * and the receiver — an independent client that reconnects and collects its offline messages — has every body.
 * The fault must really overlap the sends: sends are still to come when the server is back, the gateway
 * reconnected, and at least one call was retried or waited across the outage. With senders (a component's
 * addresses), the calls take turns sending from each, and each message must arrive from the address it was sent
 * from. Bodies carry a token of the run, so that nothing left from another test is counted.
 */
final class Burst {

    static final int MESSAGES = 2_000;
    private static final int CLIENTS = 16;
    private static final int MAX_TRIES = 40;

    private Burst() {
    }

    /**
     * @param session the gateway's session, to see that it reconnected
     * @param outage takes the server down and back up, once a quarter of the sends are done
     * @return how many bodies arrived more than once
     */
    static int run(String receiver, SessionStatus session, Runnable outage) throws Exception {
        return run(Prosody.shared(), receiver, session, outage);
    }

    /** As {@link #run(String, SessionStatus, Runnable)}, the receiver on {@code server} (the gateway's server). */
    static int run(XmppServer server, String receiver, SessionStatus session, Runnable outage) throws Exception {
        return run(server, receiver, List.of(), session, outage);
    }

    /**
     * As {@link #run(XmppServer, String, SessionStatus, Runnable)}, send {@code n} from {@code senders[n % size]}
     * (bare addresses; none: the gateway's own).
     */
    static int run(XmppServer server, String receiver, List<String> senders, SessionStatus session, Runnable outage)
            throws Exception {
        int attemptsBefore = session.totalAttempts();
        String run = StanzaIds.next();
        XMPPTCPConnection client = SmackClients.connect(server, receiver);
        ReconnectionManager reconnection = ReconnectionManager.getInstanceFor(client);
        reconnection.setReconnectionPolicy(ReconnectionManager.ReconnectionPolicy.FIXED_DELAY);
        reconnection.setFixedDelay(1);
        reconnection.enableAutomaticReconnection();
        Map<String, Integer> received = new ConcurrentHashMap<>();
        Map<String, String> idByBody = new ConcurrentHashMap<>();
        Map<String, String> fromByBody = new ConcurrentHashMap<>();
        client.addAsyncStanzaListener(stanza -> {
            String body = ((Message) stanza).getBody();
            if (body.endsWith(" " + run)) {
                received.merge(body, 1, Integer::sum);
                idByBody.put(body, String.valueOf(stanza.getStanzaId()));
                fromByBody.put(body, stanza.getFrom().asBareJid().toString());
            }
        }, MessageWithBodiesFilter.INSTANCE);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicLong longestCallNanos = new AtomicLong();
        long burstStart = System.nanoTime();
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                int n = i;
                Map<String, String> request = new HashMap<>(Map.of("to", Prosody.jid(receiver),
                        "body", body(n, run)));
                if (!senders.isEmpty()) {
                    request.put("from", senders.get(n % senders.size()));
                }
                calls.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    int status = 0;
                    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
                        status = Api.given().header("Idempotency-Key", receiver + "-burst-" + n + "-" + run)
                                .body(request)
                                .when().post("/v1/messages").then().extract().statusCode();
                        if (status != 503 && status != 504) {
                            break;
                        }
                        retried.incrementAndGet();
                        Thread.sleep(250);
                    }
                    done.incrementAndGet();
                    longestCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    return status;
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= MESSAGES / 4);
            long outageStart = System.nanoTime();
            outage.run();
            long outageNanos = System.nanoTime() - outageStart;
            assertTrue(done.get() < MESSAGES, "sends were still to come when the server was back");
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(180, TimeUnit.SECONDS), "every send ends with a 200");
            }
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> received.size() == MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                assertTrue(received.containsKey(body(i, run)), "burst " + i + " arrived");
                if (!senders.isEmpty()) {
                    assertEquals(senders.get(i % senders.size()), fromByBody.get(body(i, run)),
                            "burst " + i + " came from the address it was sent from");
                }
            }
            assertTrue(session.totalAttempts() > attemptsBefore, "the gateway reconnected during the burst");
            assertTrue(retried.get() > 0 || longestCallNanos.get() >= outageNanos / 2,
                    "a call was retried or waited across the outage (" + outageNanos / 1_000_000 + " ms)");
            int duplicates = received.values().stream().mapToInt(count -> count - 1).sum();
            Map<String, Integer> copiesById = new TreeMap<>();
            received.forEach((body, count) -> {
                if (count > 1) {
                    copiesById.put(idByBody.get(body), count);
                }
            });
            System.out.printf("%s: %d messages arrived in %d ms (outage %d ms), %d duplicates %s, %d retried calls%n",
                    receiver, MESSAGES, (System.nanoTime() - burstStart) / 1_000_000, outageNanos / 1_000_000,
                    duplicates, copiesById, retried.get());
            return duplicates;
        } finally {
            pool.shutdownNow();
            client.disconnect();
        }
    }

    private static String body(int n, String run) {
        return "burst " + n + " " + run;
    }
}
