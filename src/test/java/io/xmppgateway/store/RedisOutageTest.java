package io.xmppgateway.store;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.RedisServer;

/**
 * Redis stopped under a running gateway: what counts toward a cap, or carries an {@code Idempotency-Key}, is 503
 * {@code store_unavailable} with {@code Retry-After} and sends nothing; a message that no cap applies to still goes
 * out; readiness says the store is down. Redis started again: everything works as before.
 */
@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisOutageTest {

    @Inject
    SessionStatus status;

    @Test
    void cappedAndKeyedCallsAre503WhileRedisIsDownAndMessagesGoOn() {
        Online.await(status);
        RedisServer redis = RedisServer.shared();
        Map<String, String> message = Map.of("to", Prosody.jid("erin"), "body", "while Redis is down");
        redis.stop();
        try {
            Api.given().body(Map.of("to", "x1@localhost")).when().post("/v1/invitations")
                    .then().statusCode(503).header("Retry-After", "5")
                    .body("error", equalTo("store_unavailable"));
            Api.given().body(message).when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
            Api.given().header("Idempotency-Key", UUID.randomUUID().toString()).body(message)
                    .when().post("/v1/messages")
                    .then().statusCode(503).header("Retry-After", "5").body("error", equalTo("store_unavailable"));
            Api.given().when().get("/v1/quota").then().statusCode(503).body("error", equalTo("store_unavailable"));
            RestAssured.given().when().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'store' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'store' }.data.error", notNullValue());
            // Still in its Service: messages without caps go on.
            RestAssured.given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'xmpp-session' }.status", equalTo("UP"));
        } finally {
            redis.start();
        }
        Api.given().body(Map.of("to", "x1@localhost")).when().post("/v1/invitations")
                .then().statusCode(200).body("status", equalTo("NO_ERROR"));
        String key = UUID.randomUUID().toString();
        String id = Api.given().header("Idempotency-Key", key).body(message).when().post("/v1/messages")
                .then().statusCode(200).extract().path("id");
        Api.given().header("Idempotency-Key", key).body(message).when().post("/v1/messages")
                .then().statusCode(200).body("id", equalTo(id));
        RestAssured.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"));
    }
}
