package io.xmppgateway.stream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;

/**
 * An App Engine app's account with 20,000 contacts, its roster written into Prosody's storage: the roster answer
 * at login is one stanza of some 1 MB and 20,000 items, far past the per-stanza limits. The session comes online,
 * stays online with one connection attempt, subscriptions and roster pushes still work, and the presence of a
 * contact who is online is known. (Each login once ended in {@code policy-violation}, every few seconds, forever.)
 */
@QuarkusTest
@TestProfile(BigRosterTest.TwentyThousandContacts.class)
class BigRosterTest {

    static final int CONTACTS = 20_000;
    static final String ACCOUNT = "crowd";

    /** The gateway logs in as {@value #ACCOUNT}, whose roster the resource writes first. */
    public static class TwentyThousandContacts implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Roster.class));
        }
    }

    public static class Roster implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Prosody prosody = Prosody.shared();
            Map<String, String> roster = new LinkedHashMap<>();
            // Contacts who accepted the app's invitation long ago and are not online (nor registered here): they
            // get its presence ("from"); fan has a subscription both ways, and is online during the test.
            for (int i = 1; i < CONTACTS; i++) {
                roster.put("subscriber" + i + "@" + Prosody.DOMAIN, "from");
            }
            roster.put(Prosody.jid("fan"), "both");
            prosody.writeRoster(ACCOUNT, roster);
            prosody.writeRoster("fan", Map.of(Prosody.jid(ACCOUNT), "both"));
            Map<String, String> config = new HashMap<>(prosody.gatewayConfig());
            config.put("xmpp.jid", Prosody.jid(ACCOUNT));
            config.put("xmpp.password", Prosody.password(ACCOUNT));
            return config;
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    SessionStatus status;

    @Test
    void twentyThousandContactsComeOnlineAndStayOnline() throws Exception {
        Awaitility.await("online within 30 s of startup").atMost(Duration.ofSeconds(30))
                .until(() -> status.current().state() == SessionStatus.State.ONLINE);

        XMPPTCPConnection fan = SmackClients.connect(Prosody.shared(), "fan");
        XMPPTCPConnection joiner = SmackClients.connect(Prosody.shared(), "joiner");
        try {
            Awaitility.await("the online contact's presence is known").atMost(Duration.ofSeconds(20)).untilAsserted(
                    () -> Api.given().when().get("/v1/presence/" + Prosody.jid("fan")).then().statusCode(200)
                            .body("available", equalTo(true)));

            // A new subscriber: the server pushes the roster change to the gateway, which accepts and subscribes back.
            BlockingQueue<Presence> toJoiner = new LinkedBlockingQueue<>();
            joiner.addAsyncStanzaListener(stanza -> toJoiner.add((Presence) stanza),
                    stanza -> stanza instanceof Presence presence && presence.getType() == Presence.Type.subscribed);
            joiner.sendStanza(joiner.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                    .to(JidCreate.bareFrom(Prosody.jid(ACCOUNT))).build());
            Presence subscribed = toJoiner.poll(20, TimeUnit.SECONDS);
            assertTrue(subscribed != null, "the gateway accepted the subscription");

            Awaitility.await("a minute online on one connection").during(Duration.ofSeconds(60))
                    .atMost(Duration.ofSeconds(70))
                    .until(() -> status.current().state() == SessionStatus.State.ONLINE
                            && status.totalAttempts() == 1);
        } finally {
            fan.disconnect();
            joiner.disconnect();
        }
    }
}
