package io.xmppgateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;

import jakarta.inject.Inject;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.SmackClients;

/** What an operator's Prometheus scrapes at {@code /q/metrics} follows what the gateway does. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MetricsTest {

    @Inject
    SessionStatus status;

    @Test
    void sendsReceivesSessionAndQuotaShowInTheScrape() throws Exception {
        Online.await(status);
        String before = scrape();
        assertEquals(1.0, value(before, "xmpp_session_online", "").orElseThrow(), "online");
        assertEquals(0.0, value(before, "xmpp_session_flapping", "").orElseThrow(), "not flapping");
        assertTrue(value(before, "xmpp_sm_waiting", "").isPresent(), "the unacknowledged queue is shown");
        assertTrue(value(before, "gateway_quota_limit", "meter=\"invitations\"").orElseThrow() > 0, "a capped quota");

        Api.given().body("{\"to\": \"" + Prosody.jid("erin") + "\", \"body\": \"counted\"}")
                .when().post("/v1/messages").then().statusCode(200);
        XMPPTCPConnection dave = SmackClients.connect(Prosody.shared(), "dave");
        try {
            assertTrue(PingManager.getInstanceFor(dave).ping(JidCreate.entityFullFrom(status.current().session()
                    .orElseThrow().jid())), "the gateway answered dave's ping");
        } finally {
            dave.disconnect();
        }

        String after = scrape();
        assertTrue(increase(before, after, "gateway_sends_total", "outcome=\"ok\"") >= 1, "the send counted as ok");
        assertTrue(increase(before, after, "gateway_inbound_total", "kind=\"iq\"") >= 1, "the ping counted");
        assertTrue(increase(before, after, "gateway_quota_used", "meter=\"api-calls\"") >= 1, "the call metered");
        assertTrue(value(after, "http_server_requests_seconds_count", "uri=\"/v1/messages\"").orElse(0.0) >= 1,
                "HTTP requests by route");
        assertTrue(value(after, "jvm_memory_used_bytes", "").isPresent(), "JVM meters");
    }

    private static String scrape() {
        return RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double increase(String before, String after, String name, String label) {
        return value(after, name, label).orElseThrow(() -> new AssertionError(name + " " + label + " missing"))
                - value(before, name, label).orElse(0.0);
    }

    /** The sum over the series of {@code name} whose labels include {@code label} (Prometheus text format). */
    private static Optional<Double> value(String scrape, String name, String label) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum);
    }
}
