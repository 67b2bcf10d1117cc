package io.xmppgateway.quota;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.TestClock;
import io.xmppgateway.testing.XmppServer;

/**
 * The daily invitation cap: the call past it is 429 until midnight, then the day starts again. Run through Prosody
 * ({@link InvitationQuotaTest}) and ejabberd ({@link InvitationQuotaEjabberdTest}), with the same assertions.
 */
abstract class InvitationQuotaScenario {

    /** Three invitations a day: both test profiles' overrides. */
    static final Map<String, String> THREE_INVITATIONS_A_DAY = Map.of("gateway.quota.invitations-per-day", "3");

    /** The server the gateway under test is configured for (its test profile). */
    abstract XmppServer server();

    @Inject
    TestClock clock;

    @Inject
    SessionStatus status;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theFourthInvitationOfTheDayIs429UntilMidnight() throws Exception {
        Online.await(status);
        XMPPTCPConnection carol = SmackClients.connect(server(), "carol");
        Roster.getInstanceFor(carol).setSubscriptionMode(Roster.SubscriptionMode.manual);
        SmackInbox<Presence> requests = new SmackInbox<>(carol, StanzaTypeFilter.PRESENCE);
        try {
            clock.set(Instant.parse("2026-11-21T23:00:00Z"));
            Api.given().body(Map.of("to", Prosody.jid("carol"))).when().post("/v1/invitations")
                    .then().statusCode(200).body("status", equalTo("NO_ERROR"));
            Presence request = awaitSubscribe(requests);
            assertEquals(Prosody.jid(Prosody.GATEWAY), request.getFrom().asBareJid().toString());

            for (String to : List.of("x1@localhost", "x2@localhost")) {
                Api.given().body(Map.of("to", to)).when().post("/v1/invitations").then().statusCode(200);
            }
            Api.given().body(Map.of("to", "x3@localhost")).when().post("/v1/invitations")
                    .then().statusCode(429)
                    .header("Retry-After", "3600")
                    .body("error", equalTo("quota_exceeded"));
            Api.given().when().get("/v1/quota").then().statusCode(200)
                    .body("quotas.find { it.name == 'invitations' }.used", equalTo(3))
                    .body("quotas.find { it.name == 'invitations' }.limit", equalTo(3))
                    .body("quotas.find { it.name == 'invitations' }.resetsAt", equalTo("2026-11-22T00:00Z"));

            clock.set(Instant.parse("2026-11-22T00:00:01Z"));
            Api.given().body(Map.of("to", "x3@localhost")).when().post("/v1/invitations").then().statusCode(200);
            Api.given().when().get("/v1/quota").then()
                    .body("quotas.find { it.name == 'invitations' }.used", equalTo(1));
        } finally {
            carol.disconnect();
        }
    }

    private static Presence awaitSubscribe(SmackInbox<Presence> inbox) throws InterruptedException {
        for (Presence presence = inbox.next(); presence != null; presence = inbox.next()) {
            if (presence.getType() == Presence.Type.subscribe) {
                return presence;
            }
        }
        assertNotNull(null, "carol received a subscription request");
        return null;
    }
}
