package io.xmppgateway.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.response.ValidatableResponse;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * Presence and subscriptions per address of a component ({@value Prosody#APP_DOMAIN}), which has no roster on the
 * server: the gateway answers for each address. Run through Prosody ({@link ComponentPresenceTest}) and ejabberd
 * ({@link ComponentPresenceEjabberdTest}) with the same assertions. Each test uses addresses of its own, and its
 * Smack user removes what it subscribed to, so the users' rosters are as before.
 */
abstract class ComponentPresenceScenario {

    /** The address whose subscription requests go to the app ({@code gateway.subscriptions-by-address.desk=manual}). */
    private static final String DESK = "desk@" + Prosody.APP_DOMAIN;

    /** The server the gateway under test is a component of (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Inject
    MeterRegistry meters;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void online() {
        Online.await(status);
        WebhookReceiver.shared().reset();
    }

    @Test
    void anInvitationFromAnAddressFeedsTheCacheAndTheUsersProbeGetsTheAddressesPresence() throws Exception {
        String news = "news-" + run + "@" + Prosody.APP_DOMAIN;
        String carol = Prosody.jid("carol");
        Api.given().body(Map.of("from", news, "to", carol, "show", "chat", "status", "Reading " + run))
                .when().post("/v1/presence").then().statusCode(200).body("status", equalTo("NO_ERROR"));

        XMPPTCPConnection client = SmackClients.connect(server(), "carol");
        try {
            Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Api.given().body(Map.of("from", news, "to", carol))
                    .when().post("/v1/invitations").then().statusCode(200).body("status", equalTo("NO_ERROR"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    presence(carol).body("available", equalTo(true)));

            // carol asks for news' presence: approved from the bare address, then the address's presence.
            StanzaCollector fromNews = client.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(news))));
            client.sendStanza(client.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(JidCreate.bareFrom(news)).build());
            Presence subscribed = fromNews.nextResult(10_000);
            assertNotNull(subscribed, "news answered carol's request");
            assertEquals(Presence.Type.subscribed, subscribed.getType());
            assertEquals(news, subscribed.getFrom().toString(), "a subscription answer comes from the bare address");
            assertSetPresence(fromNews.nextResult(10_000), news, "after its approval");
            fromNews.cancel();
        } finally {
            client.disconnect();
        }

        // carol logs in again: her server probes news, and the gateway answers with the address's presence.
        client = SmackClients.connect(server(), "carol");
        try {
            StanzaCollector fromNews = client.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(news))));
            // Unavailable, then available: an initial presence again, so her server probes again now that we listen.
            client.sendStanza(client.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unavailable)
                    .build());
            client.sendStanza(client.getStanzaFactory().buildPresenceStanza().build());
            assertSetPresence(fromNews.nextResult(10_000), news, "answering her server's probe");
            fromNews.cancel();
        } finally {
            forget(client, news);
        }
    }

    @Test
    void aContactTheGatewayHasNotHeardFromIsProbed() throws Exception {
        String alerts = "alerts-" + run + "@" + Prosody.APP_DOMAIN;
        String dave = Prosody.jid("dave");
        XMPPTCPConnection client = SmackClients.connect(server(), "dave");
        try {
            Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Api.given().body(Map.of("from", alerts, "to", dave))
                    .when().post("/v1/invitations").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    presence(dave).body("available", equalTo(true)));

            // dave tells the component alone he is gone (directed presence), but stays online for everyone else.
            client.sendStanza(client.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unavailable)
                    .to(JidCreate.from(alerts)).build());
            WebhookReceiver.Request gone = WebhookReceiver.shared().next("/_ah/xmpp/presence/unavailable/", 10);
            assertNotNull(gone, "the app saw dave go");
            assertEquals(alerts, gone.fields().get("to"));

            // The gateway has no presence of dave now: it probes him from alerts, and his server answers.
            Api.given().queryParam("from", alerts).when().get("/v1/presence/" + dave).then().statusCode(200)
                    .body("available", equalTo(true)).body("resources[0].resource", equalTo("smack"));
        } finally {
            forget(client, alerts);
        }
    }

    /**
     * The contact's server does not reveal presence to an address the contact never approved (RFC 6121 §4.3.2): a
     * probe from it would only be waited for in vain. The gateway sends none and answers from the cache.
     */
    @Test
    void aContactTheAddressIsNotSubscribedToIsNotProbed() {
        String quiet = "quiet-" + run + "@" + Prosody.APP_DOMAIN;
        double sentBefore = sent();
        Api.given().queryParam("from", quiet).when().get("/v1/presence/" + Prosody.jid("erin")).then().statusCode(200)
                .body("available", equalTo(false));
        assertEquals(sentBefore, sent(), "no stanza went out for the call");
    }

    /** Stanzas sent through the transport so far, whatever became of them. */
    private double sent() {
        return meters.find("gateway.sends").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aRequestToAManualAddressWaitsForTheAppsApproval() throws Exception {
        String bob = Prosody.jid("bob");
        XMPPTCPConnection client = SmackClients.connect(server(), "bob");
        try {
            StanzaCollector fromDesk = client.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createBare(JidCreate.bareFrom(DESK))));
            client.sendStanza(client.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(JidCreate.bareFrom(DESK)).build());
            WebhookReceiver.Request request = WebhookReceiver.shared().next("/_ah/xmpp/subscription/subscribe/", 10);
            assertNotNull(request, "the app was asked");
            assertEquals(DESK, request.fields().get("to"));
            // The component writes in order: an approval sent with the request would be here before the pong.
            IQ pong = client.createStanzaCollectorAndSend(new Ping(JidCreate.from(DESK))).nextResultOrThrow(10_000);
            assertEquals(IQ.Type.result, pong.getType());
            assertNull(fromDesk.pollResult(), "nothing approved before the app did");

            Api.given().queryParam("from", DESK).when().post("/v1/subscriptions/" + bob + "/approve")
                    .then().statusCode(200).body("status", equalTo("NO_ERROR"));
            Presence subscribed = fromDesk.nextResult(10_000);
            assertNotNull(subscribed, "the app's approval arrived");
            assertEquals(Presence.Type.subscribed, subscribed.getType());
            assertEquals(DESK, subscribed.getFrom().toString());
            Presence available = fromDesk.nextResult(10_000);
            assertNotNull(available, "the address's presence followed");
            assertEquals(Presence.Type.available, available.getType());
            fromDesk.cancel();
        } finally {
            forget(client, DESK);
        }
    }

    @Test
    void discoInfoAnswersForTheDomainAndForEachAddress() throws Exception {
        XMPPTCPConnection client = SmackClients.connect(server(), "erin");
        try {
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(client);
            DiscoverInfo domain = disco.discoverInfo(JidCreate.from(Prosody.APP_DOMAIN));
            assertTrue(domain.hasIdentity("component", "generic"), "the domain: " + domain.getIdentities());
            assertTrue(domain.containsFeature("urn:xmpp:ping"));
            DiscoverInfo address = disco.discoverInfo(JidCreate.from("anyone@" + Prosody.APP_DOMAIN));
            assertTrue(address.hasIdentity("client", "bot"), "an address: " + address.getIdentities());
            assertEquals("anyone@" + Prosody.APP_DOMAIN, address.getFrom().toString());
            assertTrue(address.containsFeature("http://jabber.org/protocol/disco#info"));
        } finally {
            client.disconnect();
        }
    }

    private static void assertSetPresence(Presence presence, String address, String when) {
        assertNotNull(presence, "carol got news' presence " + when);
        assertEquals(Presence.Type.available, presence.getType(), when);
        assertEquals(Presence.Mode.chat, presence.getMode(), when);
        assertTrue(presence.getStatus().startsWith("Reading "), when + ": " + presence.getStatus());
        assertEquals(address + "/bot", presence.getFrom().toString(), when);
    }

    /** Removes the address from the user's roster (the server tells the component) and logs out. */
    private static void forget(XMPPTCPConnection client, String address) throws Exception {
        try {
            Roster roster = Roster.getInstanceFor(client);
            BareJid jid = JidCreate.bareFrom(address);
            roster.reloadAndWait();
            if (roster.getEntry(jid) != null) {
                roster.removeEntry(roster.getEntry(jid));
            }
        } finally {
            client.disconnect();
        }
    }

    private static ValidatableResponse presence(String jid) {
        return Api.given().when().get("/v1/presence/" + jid).then().statusCode(200).body("jid", equalTo(jid));
    }
}
