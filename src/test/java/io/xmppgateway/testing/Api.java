package io.xmppgateway.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls to the gateway's HTTP API as an authorised client. */
public final class Api {

    /** The API key the tests configure. */
    public static final String KEY = "test-key-7f3a";

    private Api() {
    }

    /** A JSON request with the API key. */
    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }
}
