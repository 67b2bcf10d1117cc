package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.RawXml;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.TestHandlers;
import io.xmppgateway.testing.XmppServer;

/**
 * IQ requests from an independent client, answered by handler beans deployed with the gateway. Run through Prosody
 * ({@link IqHandlersTest}) and ejabberd ({@link IqHandlersEjabberdTest}), with the same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IqHandlersScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    private static final String GATEWAY = Prosody.jid(Prosody.GATEWAY) + "/bot";

    @Inject
    SessionStatus status;

    private XMPPTCPConnection alice;
    private int ids;

    @BeforeAll
    void connect() throws Exception {
        Online.await(status);
        alice = SmackClients.connect(server(), "alice");
    }

    @AfterAll
    void disconnect() {
        alice.disconnect();
    }

    /** Sends an IQ exactly as written and answers the gateway's response. */
    private IQ exchange(String type, String payloads) throws Exception {
        String id = "t" + (++ids);
        SmackInbox<IQ> answers = new SmackInbox<>(alice, new StanzaIdFilter(id));
        alice.sendNonza(new RawXml("<iq type='" + type + "' id='" + id + "' to='" + GATEWAY + "'>" + payloads
                + "</iq>"));
        IQ answer = answers.next();
        assertNotNull(answer, "the gateway answered " + id);
        return answer;
    }

    private static StanzaError.Condition condition(Stanza answer) {
        assertNotNull(answer.getError(), "an error answer: " + answer.toXML());
        return answer.getError().getCondition();
    }

    @Test
    void aCustomGetIsAnsweredOnAWorkerWithWhatTheHandlerReturned() throws Exception {
        IQ answer = exchange("get", "<query xmlns='" + TestHandlers.ECHO + "'>hello</query>");
        assertEquals(IQ.Type.result, answer.getType());
        String xml = ((UnparsedIQ) answer).getContent().toString();
        assertTrue(xml.contains("<said>hello</said>"), xml);
        assertTrue(xml.contains("<from>" + Prosody.jid("alice") + "/smack</from>"), xml);
        assertFalse(xml.contains("eventloop"), "a plain return type runs on a worker: " + xml);
    }

    @Test
    void aCustomSetIsAnsweredAndItsTypedErrorReachesTheRequester() throws Exception {
        assertEquals(IQ.Type.result, exchange("set", "<query xmlns='" + TestHandlers.ECHO + "'>fine</query>").getType());

        IQ refused = exchange("set", "<query xmlns='" + TestHandlers.ECHO + "'>forbidden</query>");
        assertEquals(StanzaError.Condition.not_allowed, condition(refused));
        assertEquals("not that", refused.getError().getDescriptiveText());
    }

    @Test
    void anUnknownNamespaceIsFeatureNotImplemented() throws Exception {
        assertEquals(StanzaError.Condition.feature_not_implemented,
                condition(exchange("get", "<query xmlns='urn:nobody:handles:this'/>")));
    }

    @Test
    void twoPayloadsAreABadRequest() throws Exception {
        assertEquals(StanzaError.Condition.bad_request,
                condition(exchange("get", "<query xmlns='" + TestHandlers.ECHO + "'/><other xmlns='urn:x'/>")));
    }

    @Test
    void aFailingHandlerIsAnInternalServerErrorWithoutItsDetails() throws Exception {
        IQ answer = exchange("get", "<query xmlns='" + TestHandlers.BOOM + "'/>");
        assertEquals(StanzaError.Condition.internal_server_error, condition(answer));
        assertFalse(answer.toXML().toString().contains("secret internals"));
    }

    @Test
    void discoInfoListsEveryHandlerNamespace() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(JidCreate.from(GATEWAY));
        assertTrue(info.containsFeature(TestHandlers.ECHO));
        assertTrue(info.containsFeature("urn:xmpp:ping"));
        assertTrue(info.containsFeature("jabber:iq:version"));
        assertTrue(info.containsFeature("http://jabber.org/protocol/disco#info"));
        assertTrue(info.hasIdentity("client", "bot"));
    }

    @Test
    void pingAndVersionAnswer() throws Exception {
        Jid gateway = JidCreate.from(GATEWAY);
        assertTrue(PingManager.getInstanceFor(alice).ping(gateway.asEntityFullJidIfPossible()));
        Version version = VersionManager.getInstanceFor(alice).getVersion(gateway.asEntityFullJidIfPossible());
        assertEquals("XMPP Gateway", version.getName());
        assertFalse(version.getVersion().isBlank());
    }
}
