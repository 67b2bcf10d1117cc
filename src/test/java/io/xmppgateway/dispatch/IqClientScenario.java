package io.xmppgateway.dispatch;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.junit.jupiter.api.Test;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.RawXml;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The gateway asks; independent clients answer, fail, stay silent or lie. Run through Prosody ({@link IqClientTest})
 * and ejabberd ({@link IqClientEjabberdTest}), with the same assertions.
 */
abstract class IqClientScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void aClientsVersionComesBackAsTheResult() throws Exception {
        Online.await(status);
        XMPPTCPConnection alice = SmackClients.connect(server(), "alice");
        VersionManager.getInstanceFor(alice).setVersion("Smack", "4.4");
        try {
            Api.given().body(Map.of("to", Prosody.jid("alice") + "/smack", "type", "get",
                            "payload", "<query xmlns='jabber:iq:version'/>"))
                    .when().post("/v1/iq")
                    .then().statusCode(200)
                    .body("from", equalTo(Prosody.jid("alice") + "/smack"))
                    .body("payload", containsString("<version>4.4</version>"));
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void anAddressNobodyHasIsAnIqError() {
        Online.await(status);
        Api.given().body(Map.of("to", "nobody@localhost/x", "type", "get",
                        "payload", "<query xmlns='jabber:iq:version'/>"))
                .when().post("/v1/iq")
                .then().statusCode(502)
                .body("error", equalTo("iq_error"))
                // RFC 6121 §8.5.3.2.1 (no such user) and §8.5.4 (no such resource): both servers answer so.
                .body("condition", equalTo("service-unavailable"));
    }

    @Test
    void aClientThatNeverAnswersTimesOutNearTheTimeout() throws Exception {
        Online.await(status);
        XMPPTCPConnection bob = SmackClients.connect(server(), "bob");
        bob.setUnknownIqRequestReplyMode(SmackConfiguration.UnknownIqRequestReplyMode.doNotReply);
        try {
            long start = System.nanoTime();
            Api.given().body(Map.of("to", Prosody.jid("bob") + "/smack", "type", "get",
                            "payload", "<query xmlns='urn:bob:ignores'/>", "timeoutMs", 1500))
                    .when().post("/v1/iq")
                    .then().statusCode(504).body("error", equalTo("iq_timeout"));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 1400 && elapsedMillis < 4000, "timed out after " + elapsedMillis + " ms");
        } finally {
            bob.disconnect();
        }
    }

    @Test
    void aSpoofedResultFromSomebodyElseIsIgnored() throws Exception {
        Online.await(status);
        XMPPTCPConnection bob = SmackClients.connect(server(), "bob");
        XMPPTCPConnection carol = SmackClients.connect(server(), "carol");
        BlockingQueue<IQ> requests = new LinkedBlockingQueue<>();
        bob.registerIQRequestHandler(new AbstractIqRequestHandler("query", "urn:bob:ignores", IQ.Type.get,
                IQRequestHandler.Mode.async) {
            @Override
            public IQ handleIQRequest(IQ request) {
                requests.add(request);
                return null; // bob never answers
            }
        });
        try {
            CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> Api.given()
                    .body(Map.of("to", Prosody.jid("bob") + "/smack", "type", "get",
                            "payload", "<query xmlns='urn:bob:ignores'/>", "timeoutMs", 2500))
                    .when().post("/v1/iq").then().extract().statusCode());
            IQ request = requests.poll(10, TimeUnit.SECONDS);
            assertNotNull(request, "bob received the request");
            // carol answers in bob's place, with the right id.
            carol.sendNonza(new RawXml("<iq type='result' id='" + request.getStanzaId() + "' to='"
                    + Prosody.jid(Prosody.GATEWAY) + "/bot'/>"));
            assertTrue(call.get(10, TimeUnit.SECONDS) == 504, "the spoofed answer was not taken");
        } finally {
            bob.disconnect();
            carol.disconnect();
        }
    }
}
