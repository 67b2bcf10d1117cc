package io.xmppgateway.api;

import static org.hamcrest.Matchers.equalTo;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.ProsodyResource;

/** Bad input gets a 400 with a specific error code, and nothing is sent. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource(delimiter = '|', value = {
            "/v1/messages   | {\"to\": [\"a@localhost\"], \"body\": | 400 | invalid_json",
            "/v1/messages   | [1, 2]                                   | 400 | invalid_json",
            "/v1/messages   | {\"to\": [], \"body\": \"x\"}              | 400 | no_recipients",
            "/v1/messages   | {\"body\": \"x\"}                          | 400 | no_recipients",
            "/v1/messages   | {\"to\": \"a@localhost\"}                  | 400 | no_body",
            "/v1/messages   | {\"to\": \"a@localhost\", \"body\": \"x\", \"type\": \"shout\"} | 400 | invalid_type",
            "/v1/messages   | {\"to\": \"a@localhost\", \"body\": \"nul \\u0000\"}   | 400 | invalid_characters",
            "/v1/messages   | {\"to\": \"a@localhost\", \"body\": \"half \\ud800\"}  | 400 | invalid_characters",
            "/v1/messages   | {\"to\": \"a@localhost\", \"body\": \"x\", \"subject\": \"\\u0001\"} | 400 | invalid_characters",
            "/v1/invitations | {\"to\": \"not a jid\"}                   | 400 | invalid_jid",
            "/v1/invitations | {}                                       | 400 | missing_to",
            "/v1/presence   | {\"to\": \"a@localhost\", \"show\": \"sleepy\"} | 400 | invalid_show",
            "/v1/presence   | {\"to\": \"a@localhost\", \"type\": \"subscribe\"} | 400 | invalid_presence_type",
            "/v1/presence   | {\"to\": \"a@localhost\", \"priority\": 300} | 400 | invalid_priority",
    })
    void isRefusedWithItsErrorCode(String path, String body, int status, String error) {
        Api.given().body(body).when().post(path.strip())
                .then().statusCode(status).body("error", equalTo(error));
    }

    @Test
    void aStatusOfMoreThan1024CharactersIsRefused() {
        Api.given().body(Map.of("to", "a@localhost", "status", "s".repeat(1024)))
                .when().post("/v1/presence").then().statusCode(200);
        Api.given().body(Map.of("to", "a@localhost", "status", "s".repeat(1025)))
                .when().post("/v1/presence").then().statusCode(400).body("error", equalTo("status_too_long"));
    }

    @Test
    void moreRecipientsThanAllowedAreRefused() {
        Api.given().body(Map.of("to", Collections.nCopies(1001, "a@localhost"), "body", "x"))
                .when().post("/v1/messages")
                .then().statusCode(400).body("error", equalTo("too_many_recipients"));
    }

    @Test
    void aCallOverOneMegabyteIsRefusedBeforeItIsRead() {
        String body = "{\"to\": \"a@localhost\", \"body\": \"" + "x".repeat(1_048_576) + "\"}";
        body = body.substring(0, 1_048_577 - 2) + "\"}";
        Api.given().body(body).when().post("/v1/messages")
                .then().statusCode(413).body("error", equalTo("request_too_large"));
    }
}
