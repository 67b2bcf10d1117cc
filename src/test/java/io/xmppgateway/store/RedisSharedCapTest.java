package io.xmppgateway.store;

import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaStore;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.RedisServer;

/**
 * {@code gateway.store=redis}: the daily invitation cap is shared with another replica — here a second Redis client
 * in the test, counting through a {@link QuotaStore} of its own (two gateway processes: {@code TwoGatewaysIT}).
 */
@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisSharedCapTest {

    @Inject
    SessionStatus status;

    private Vertx vertx;
    private Redis otherReplica;

    @BeforeEach
    void connectTheOtherReplica() {
        vertx = Vertx.vertx();
        otherReplica = RedisServer.shared().client(vertx);
        otherReplica.send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        otherReplica.close();
        vertx.closeAndAwait();
    }

    @Test
    void invitationsOfAnotherReplicaCountAgainstTheSameCap() {
        Online.await(status);
        RestAssured.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.data.kind", equalTo("redis"));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant midnight = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        QuotaStore other = new QuotaStore(new RedisStore(otherReplica, Duration.ofSeconds(2)));
        for (int i = 0; i < RedisProfile.INVITATIONS_PER_DAY - 3; i++) {
            other.tryConsume(today, Map.of(Meter.INVITATIONS, 1L),
                    Map.of(Meter.INVITATIONS, (long) RedisProfile.INVITATIONS_PER_DAY), midnight)
                    .await().atMost(Duration.ofSeconds(5));
        }

        for (int i = 0; i < 3; i++) {
            Api.given().body(Map.of("to", "x" + i + "@localhost")).when().post("/v1/invitations")
                    .then().statusCode(200).body("status", equalTo("NO_ERROR"));
        }
        Api.given().body(Map.of("to", "x3@localhost")).when().post("/v1/invitations")
                .then().statusCode(429).body("error", equalTo("quota_exceeded"));
        Api.given().when().get("/v1/quota").then().statusCode(200)
                .body("quotas.find { it.name == 'invitations' }.used", equalTo(RedisProfile.INVITATIONS_PER_DAY));
    }
}
