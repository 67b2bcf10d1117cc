package io.xmppgateway.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xmppgateway.testing.Api;

/**
 * {@code Idempotency-Key} per draft-ietf-httpapi-idempotency-key-header: a key is bound to its request, and scoped by
 * API key and endpoint.
 */
@QuarkusTest
@TestProfile(LogTransportProfile.class)
class IdempotencyKeyTest {

    private static final Map<String, String> HELLO = Map.of("to", "juliet@example.org", "body", "hello");

    @Inject
    IdempotencyKeys keys;

    @Test
    void aKeyedCallSendsItsStanzasWithTheIdItsRetryWouldSendThemWith() {
        String caller = "Bearer " + Api.KEY;
        String key = UUID.randomUUID().toString();
        String id = send(Api.given(), key, HELLO).then().statusCode(200).extract().path("id");
        assertEquals(keys.stanzaId("messages", caller, key), id, "derived from the key, not drawn afresh");
        assertNotEquals(id, keys.stanzaId("messages", caller, UUID.randomUUID().toString()));
        assertNotEquals(id, keys.stanzaId("presence", caller, key));
        assertNotEquals(keys.stanzaId("messages", caller, null), keys.stanzaId("messages", caller, null),
                "without a key, every call gets a fresh id");
    }

    @Test
    void theSameRequestAgainGetsTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String first = send(Api.given(), key, HELLO).then().statusCode(200).extract().path("id");
        String again = send(Api.given(), key, HELLO).then().statusCode(200).extract().path("id");
        assertEquals(first, again, "the retry is answered from memory, not sent again");
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        send(Api.given(), key, HELLO).then().statusCode(200);
        send(Api.given(), key, Map.of("to", "juliet@example.org", "body", "a different message"))
                .then().statusCode(422).contentType(ContentType.JSON)
                .body("error", equalTo("idempotency_key_reused"));
        send(Api.given(), key, Map.of("to", "romeo@example.org", "body", "hello"))
                .then().statusCode(422).body("error", equalTo("idempotency_key_reused"));
    }

    @Test
    void theSameRequestSpelledDifferentlyIsTheSameRequest() {
        String key = UUID.randomUUID().toString();
        String first = send(Api.given(), key, "{\"to\": \"juliet@example.org\", \"body\": \"hello\"}")
                .then().statusCode(200).extract().path("id");
        String again = send(Api.given(), key, "{ \"body\":\"hello\",\n \"to\":\"juliet@example.org\" }")
                .then().statusCode(200).extract().path("id");
        assertEquals(first, again);
    }

    @Test
    void theSameKeyUnderAnotherApiKeyIsIndependent() {
        String key = UUID.randomUUID().toString();
        String mine = send(Api.given(), key, HELLO).then().statusCode(200).extract().path("id");
        RequestSpecification other = RestAssured.given().header("Authorization", "Bearer " + LogTransportProfile.OTHER_KEY)
                .contentType(ContentType.JSON);
        String theirs = send(other, key, HELLO).then().statusCode(200).extract().path("id");
        assertNotEquals(mine, theirs, "another caller's key of the same name is another key: its message is sent");
        send(other, key, Map.of("to", "juliet@example.org", "body", "theirs"))
                .then().statusCode(422).body("error", equalTo("idempotency_key_reused"));
    }

    @Test
    void theSameKeyOnAnotherEndpointIsIndependent() {
        String key = UUID.randomUUID().toString();
        send(Api.given(), key, HELLO).then().statusCode(200);
        Api.given().header("Idempotency-Key", key).body(Map.of("to", "juliet@example.org"))
                .when().post("/v1/presence").then().statusCode(200).body("status", equalTo("NO_ERROR"));
        Api.given().header("Idempotency-Key", key).body(Map.of("to", "juliet@example.org"))
                .when().post("/v1/invitations").then().statusCode(200).body("status", equalTo("NO_ERROR"));
    }

    @Test
    void aKeyLongerThan255CharactersIsRefused() {
        send(Api.given(), "k".repeat(255), HELLO).then().statusCode(200);
        send(Api.given(), "k".repeat(256), HELLO)
                .then().statusCode(400).body("error", equalTo("invalid_idempotency_key"));
    }

    private static io.restassured.response.Response send(RequestSpecification as, String key, Object body) {
        return as.header("Idempotency-Key", key).body(body).when().post("/v1/messages");
    }
}
