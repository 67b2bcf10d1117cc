package io.xmppgateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xmppgateway.stream.LogTransportVerticle;

/** With no XMPP server configured the gateway runs the {@code log} transport: it prints, and sends nothing. */
@QuarkusTest
class LogTransportTest {

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            printed.add(String.format(record.getMessage(), record.getParameters() == null
                    ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger(LogTransportVerticle.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(LogTransportVerticle.class.getName()).removeHandler(capture);
    }

    @Test
    void printsTheStanzaItWouldSend() {
        given().contentType(ContentType.JSON)
                .body("{\"to\": [\"user@example.org\"], \"body\": \"hi\"}")
                .when().post("/v1/messages")
                .then().statusCode(200)
                .body("results[0].status", equalTo("NO_ERROR"));

        assertEquals(1, printed.size(), "one stanza printed: " + printed);
        String line = printed.get(0);
        assertTrue(line.contains("to=user@example.org"), line);
        assertTrue(line.contains("type=chat"), line);
        assertTrue(line.contains("body=\"hi\""), line);
        assertTrue(line.contains("<message to='user@example.org'"), line);
        assertTrue(line.contains("<body>hi</body></message>"), line);
    }

    @Test
    void healthSaysLogOnly() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks[0].data.state", equalTo("log_only"));
    }
}
