package io.xmppgateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.ProsodyResource;

/** Every /v1 call needs one of the configured API keys; health and OpenAPI stay open. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiKeyTest {

    @Test
    void withoutAKeyTheCallIs401() {
        given().contentType(ContentType.JSON).body(Map.of("to", "a@localhost", "body", "x"))
                .when().post("/v1/messages")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("error", equalTo("unauthorized"));
        given().when().get("/v1/quota").then().statusCode(401);
    }

    @Test
    void aWrongKeyIs401() {
        given().header("Authorization", "Bearer " + Api.KEY + "x").when().get("/v1/quota").then().statusCode(401);
    }

    @Test
    void theRightKeyIsLetIn() {
        Api.given().when().get("/v1/quota").then().statusCode(200);
    }

    @Test
    void healthAndOpenApiNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
