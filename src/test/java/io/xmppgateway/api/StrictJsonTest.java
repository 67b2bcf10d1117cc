package io.xmppgateway.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.xmppgateway.testing.Api;

/**
 * JSON is read strictly: no number where a string belongs, no field twice, nothing after the value; and the error
 * says what is wrong in the caller's terms, without the parser's internals.
 */
@QuarkusTest
@TestProfile(LogTransportProfile.class)
class StrictJsonTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/v1/messages    | {\"to\": 12345, \"body\": \"x\"}                                  | must be a string",
            "/v1/messages    | {\"to\": [\"a@localhost\", 12345], \"body\": \"x\"}               | 'to[1]'",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": 12.5}                         | 'body'",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": true}                         | 'body'",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": \"x\", \"rawXml\": \"true\"}   | 'rawXml'",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": \"x\", \"body\": \"y\"}        | 'body' appears twice",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": \"x\"}{\"to\": \"b@localhost\", \"body\": \"y\"} | after the JSON value",
            "/v1/messages    | {\"to\": \"a@localhost\", \"body\": \"x\"} 1                      | after the JSON value",
            "/v1/messages    | {\"to\": [\"a@localhost\"], \"body\":                            | not well-formed",
            "/v1/messages    | [1, 2]                                                            | a JSON object",
            "/v1/invitations | {\"to\": 12345}                                                   | 'to'",
            "/v1/presence    | {\"to\": \"a@localhost\", \"priority\": \"5\"}                     | 'priority'",
            "/v1/presence    | {\"to\": \"a@localhost\", \"priority\": 5.5}                       | 'priority'",
            "/v1/presence    | {\"to\": \"a@localhost\", \"status\": \"a\", \"status\": \"b\"}    | 'status' appears twice",
    })
    void isRefusedAsInvalidJsonInPlainWords(String path, String body, String says) {
        Api.given().body(body).when().post(path.strip())
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_json"))
                .body("message", containsString(says))
                .body("message", not(containsString("com.fasterxml")))
                .body("message", not(containsString("io.xmppgateway")))
                .body("message", not(containsString("java.")))
                .body("message", not(containsString("Source:")))
                .body("message", not(containsString("reference chain")))
                .body("message", not(containsString("JsonToken")));
    }

    @ParameterizedTest(name = "timeoutMs {0}")
    @CsvSource({"0", "-5", "55001"})
    void anIqWaitOutsideWhatAConnectionOutlivesIsRefused(long timeoutMs) {
        Api.given().body("{\"to\": \"a@localhost\", \"type\": \"get\", \"payload\": \"<query xmlns='jabber:iq:version'/>\", "
                        + "\"timeoutMs\": " + timeoutMs + "}")
                .when().post("/v1/iq")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_timeout"));
    }
}
