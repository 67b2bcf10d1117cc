package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.LinkProxy;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.XmppServer;

/**
 * The link to the server carries 256 KB/s of what the gateway writes — as under Prosody's {@code mod_limits} or a
 * slow network — while callers send 3 MB/s. The bounded unacknowledged queue turns the excess into 503
 * {@code queue_full} with {@code Retry-After} at the API — never into growing memory, and a slow link is not taken
 * for a dead one: the session stays up — and every send answered 200 arrives. Run through Prosody
 * ({@link ThrottledLinkTest}) and ejabberd ({@link ThrottledLinkEjabberdTest}).
 */
abstract class ThrottledLinkScenario {

    private static final int MAX_UNACKED = 8;
    private static final int SENDS = 40;
    private static final int LINK_RATE = 256 * 1024;

    /** The server the gateway under test is configured for (its test profile). */
    abstract XmppServer server();

    /** A shared test server, behind a link that reads from the gateway at {@link #LINK_RATE}. */
    abstract static class ThrottledProxy implements QuarkusTestResourceLifecycleManager {
        private LinkProxy proxy;

        abstract XmppServer server();

        @Override
        public Map<String, String> start() {
            try {
                proxy = new LinkProxy(server().port(), LINK_RATE);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the throttled link", e);
            }
            Map<String, String> config = new HashMap<>(server().gatewayConfig());
            config.put("xmpp.port", Integer.toString(proxy.port()));
            config.put("xmpp.sm.max-unacked", Integer.toString(MAX_UNACKED));
            return config;
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    SessionStatus status;

    @TestHTTPResource("/v1/messages")
    URI messages;

    @Test
    void excessBecomesRetryableErrorsAndNothingAnsweredOkIsLost() throws Exception {
        Online.await(status);
        // The session's own first stanzas (roster fetch, presence) are acknowledged: the whole window is free.
        // (The count is sampled once a second.)
        Awaitility.await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10))
                .until(() -> status.waiting() == 0);
        int attempts = status.totalAttempts();
        XMPPTCPConnection dave = SmackClients.connect(server(), "dave");
        SmackInbox<Message> inbox = new SmackInbox<>(dave, MessageWithBodiesFilter.INSTANCE);
        try {
            // 60 KB every 20 ms is 3 MB/s: a full-speed link keeps up (no 503), the throttled one does not. HTTP/1.1,
            // one connection per call: all of them in flight at once, none waiting behind another.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                String body = i + ":" + "x".repeat(60_000);
                answers.add(http.sendAsync(HttpRequest.newBuilder(messages)
                        .header("Authorization", "Bearer " + Api.KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"to\": \"" + Prosody.jid("dave") + "\", \"body\": \"" + body + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                Thread.sleep(20);
            }

            Set<String> answeredOk = new HashSet<>();
            int refused = 0;
            for (int i = 0; i < SENDS; i++) {
                HttpResponse<String> answer = answers.get(i).get();
                if (answer.statusCode() == 200) {
                    assertTrue(answer.body().contains("NO_ERROR"), answer.body());
                    answeredOk.add(Integer.toString(i));
                } else {
                    assertEquals(503, answer.statusCode(), answer.body());
                    assertTrue(answer.body().contains("\"queue_full\""), answer.body());
                    assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
                    refused++;
                }
            }
            assertTrue(answeredOk.size() >= MAX_UNACKED, "at least a full window was accepted: " + answeredOk.size());
            assertTrue(refused > 0, "the throttled link made the queue fill");
            assertEquals(attempts, status.totalAttempts(), "a slow link is not a dead one: no reconnect");

            Set<String> arrived = new HashSet<>();
            while (!arrived.containsAll(answeredOk)) {
                Message next = inbox.next(Duration.ofSeconds(30));
                assertTrue(next != null, "missing after a 200: " + missing(answeredOk, arrived));
                arrived.add(next.getBody().substring(0, next.getBody().indexOf(':')));
            }
        } finally {
            dave.disconnect();
        }
    }

    private static Set<String> missing(Set<String> expected, Set<String> arrived) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(arrived);
        return missing;
    }
}
