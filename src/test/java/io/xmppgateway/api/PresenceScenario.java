package io.xmppgateway.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.restassured.response.ValidatableResponse;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * Presence both ways: sent by the API to a client, and a client's presence seen through the API. Run through Prosody
 * ({@link PresenceTest}) and ejabberd ({@link PresenceEjabberdTest}), with the same assertions.
 */
abstract class PresenceScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void aPresenceSentThroughTheApiArrives() throws Exception {
        Online.await(status);
        XMPPTCPConnection erin = SmackClients.connect(server(), "erin");
        try {
            SmackInbox<Presence> inbox = new SmackInbox<>(erin, new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createBare(JidCreate.from(Prosody.jid(Prosody.GATEWAY)))));
            Api.given().body(Map.of("to", Prosody.jid("erin") + "/smack", "show", "dnd", "status", "busy",
                            "priority", 5))
                    .when().post("/v1/presence")
                    .then().statusCode(200).body("status", equalTo("NO_ERROR"));

            Presence presence = inbox.next();
            assertNotNull(presence, "erin received the gateway's presence");
            assertEquals(Presence.Mode.dnd, presence.getMode());
            assertEquals("busy", presence.getStatus());
            assertEquals(5, presence.getPriority());
        } finally {
            erin.disconnect();
        }
    }

    @Test
    void aContactGoingAwayAndOfflineShowsInItsPresence() throws Exception {
        Online.await(status);
        String dave = Prosody.jid("dave");
        XMPPTCPConnection client = SmackClients.connect(server(), "dave");
        Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.accept_all);

        // The gateway asks to see dave's presence; dave's client accepts, and the server sends it.
        Api.given().body(Map.of("to", dave)).when().post("/v1/invitations").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                presence(dave).body("available", equalTo(true)));

        client.sendStanza(client.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("at lunch").build());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                presence(dave).body("available", equalTo(true))
                        .body("show", equalTo("away"))
                        .body("status", equalTo("at lunch"))
                        .body("resources.resource", equalTo(List.of("smack"))));

        client.disconnect();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                presence(dave).body("available", equalTo(false))
                        .body("show", nullValue())
                        .body("resources", equalTo(List.of())));

        Api.given().body(Map.of("jids", List.of(dave, "nobody@localhost")))
                .when().post("/v1/presence/query")
                .then().statusCode(200)
                .body("results.jid", equalTo(List.of(dave, "nobody@localhost")))
                .body("results.available", equalTo(List.of(false, false)));
    }

    /**
     * App Engine's {@code send_presence(…, presence_type=PROBE)}: the answer reaches the webhook, every time — the
     * server answers with the contact's last presence as it was, id and all, and that is no copy to drop.
     */
    @Test
    void eachProbeThroughTheApiIsAnsweredToTheWebhook() throws Exception {
        Online.await(status);
        String joiner = Prosody.jid("joiner");
        XMPPTCPConnection client = SmackClients.connect(server(), "joiner");
        try {
            Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Api.given().body(Map.of("to", joiner)).when().post("/v1/invitations").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    presence(joiner).body("available", equalTo(true)));
            Set<String> webhookIds = new HashSet<>();
            for (int probe = 1; probe <= 2; probe++) {
                WebhookReceiver.shared().reset();
                Api.given().body(Map.of("to", joiner, "type", "probe")).when().post("/v1/presence")
                        .then().statusCode(200).body("status", equalTo("NO_ERROR"));
                WebhookReceiver.Request answer = WebhookReceiver.shared().next("/_ah/xmpp/presence/available/", 10);
                assertNotNull(answer, "probe " + probe + " was answered to the webhook");
                assertEquals(joiner + "/smack", answer.fields().get("from"));
                // An app that drops a repeated webhook-id, as Standard Webhooks advises, still gets each answer.
                assertTrue(webhookIds.add(answer.header("webhook-id")), "probe " + probe + ": a webhook-id of its own");
            }
        } finally {
            Roster roster = Roster.getInstanceFor(client);
            roster.reloadAndWait();
            if (roster.getEntry(JidCreate.bareFrom(Prosody.jid(Prosody.GATEWAY))) != null) {
                roster.removeEntry(roster.getEntry(JidCreate.bareFrom(Prosody.jid(Prosody.GATEWAY))));
            }
            client.disconnect();
        }
    }

    private static ValidatableResponse presence(String jid) {
        return Api.given().when().get("/v1/presence/" + jid).then().statusCode(200).body("jid", equalTo(jid));
    }
}
