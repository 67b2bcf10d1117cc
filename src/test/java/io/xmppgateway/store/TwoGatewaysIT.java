package io.xmppgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.RedisServer;

/**
 * Two replicas for real: the packaged gateway started twice, as two processes, against the shared test Prosody (each
 * binding a resource of its own) and one Redis ({@code gateway.store=redis}). Runs in {@code ./mvnw verify}'s
 * integration-test phase, after the package it starts; skipped where the gateway is not packaged.
 */
class TwoGatewaysIT {

    private static final int INVITATIONS_PER_DAY = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GatewayProcess a;
    private static GatewayProcess b;

    @BeforeAll
    static void startTwoGateways() throws InterruptedException {
        Assumptions.assumeTrue(GatewayProcess.packaged(), "the gateway is not packaged (./mvnw package)");
        RedisServer redis = RedisServer.shared();
        Map<String, String> shared = Map.of("gateway.store", "redis", "quarkus.redis.hosts", redis.url(),
                "gateway.quota.invitations-per-day", Integer.toString(INVITATIONS_PER_DAY));
        a = GatewayProcess.start("two-gateways-a", Prosody.shared(), with(shared, "xmpp.resource", "replica-a"));
        b = GatewayProcess.start("two-gateways-b", Prosody.shared(), with(shared, "xmpp.resource", "replica-b"));
        a.awaitReady(Duration.ofSeconds(60));
        b.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(config);
        more.put(key, value);
        return more;
    }

    @Test
    void twentyInvitationsOverBothGatewaysAgainstACapOfTenAreTenSentAndTen429() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 2 * INVITATIONS_PER_DAY; i++) {
            calls.add(HTTP.sendAsync(post(i % 2 == 0 ? a : b, "/v1/invitations", null,
                    "{\"to\": \"invitee" + i + "@localhost\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        int sent = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() == 200) {
                sent++;
            } else {
                assertEquals(429, response.statusCode(), response.body());
                assertEquals("quota_exceeded", JSON.readTree(response.body()).path("error").asText());
                assertTrue(response.headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        assertEquals(INVITATIONS_PER_DAY, sent, "sent, over both gateways");
        assertEquals(INVITATIONS_PER_DAY, refused, "refused, over both gateways");
        for (GatewayProcess gateway : List.of(a, b)) {
            JsonNode quotas = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/quota"))
                    .header("Authorization", "Bearer " + Api.KEY).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).path("quotas");
            for (JsonNode quota : quotas) {
                if (quota.path("name").asText().equals("invitations")) {
                    assertEquals(INVITATIONS_PER_DAY, quota.path("used").asInt(), "as " + gateway.url() + " sees it");
                }
            }
        }
    }

    @Test
    void aKeyedMessageRetriedOnTheOtherGatewayGetsTheFirstAnswerAndAnotherBodyIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        String hello = "{\"to\": \"" + Prosody.jid("erin") + "\", \"body\": \"once, over two gateways\"}";
        HttpResponse<String> first = HTTP.send(post(a, "/v1/messages", key, hello),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> retry = HTTP.send(post(b, "/v1/messages", key, hello),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals(JSON.readTree(first.body()), JSON.readTree(retry.body()), "the first answer, not a second send");

        HttpResponse<String> other = HTTP.send(post(b, "/v1/messages", key,
                "{\"to\": \"" + Prosody.jid("erin") + "\", \"body\": \"another message\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(422, other.statusCode(), other.body());
        assertEquals("idempotency_key_reused", JSON.readTree(other.body()).path("error").asText());
    }

    private static HttpRequest post(GatewayProcess gateway, String path, String idempotencyKey, String body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }
}
