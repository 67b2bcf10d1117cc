package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A server that sends a message as soon as the resource is bound, in the same packet as the bind result and before
 * it answers the gateway's {@code <enable/>}: the message is dispatched once the session is up, stream management
 * is still enabled, and the message is not counted in the gateway's {@code h} — the server counts only what it
 * sent after {@code <enabled/>} (XEP-0198 §4), and ends a stream whose client acknowledges more. It was once taken
 * for the answer to {@code <enable/>}: lost, and acknowledgements off for the whole session.
 */
class PipelinedStanzaTest {

    private static final Pattern ACK = Pattern.compile("<a [^>]*h=['\"](\\d+)['\"]");

    @Test
    void aStanzaRightBehindTheBindResultIsDispatchedAndNegotiationGoesOn() throws Exception {
        String pipelined = "<message from='alice@localhost/desk' to='gateway@localhost/bot' type='chat' id='p1'>"
                + "<body>right behind the bind result</body></message>";
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(), connection -> null, pipelined);
             SessionHarness session = new SessionHarness(server.gatewayConfig())) {
            InboundStanza inbound = session.inbound.poll(15, TimeUnit.SECONDS);
            while (inbound != null && !(inbound.stanza() instanceof Message)) {
                inbound = session.inbound.poll(15, TimeUnit.SECONDS);
            }
            assertNotNull(inbound, "the pipelined message was dispatched");
            assertEquals("right behind the bind result", ((Message) inbound.stanza()).body().orElseThrow());
            Awaitility.await("the gateway asks for acknowledgements: stream management is on")
                    .atMost(Duration.ofSeconds(10)).until(() -> server.received().get(0).contains("urn:xmpp:sm:3")
                            && server.received().get(0).matches("(?s).*<r[ /].*"));

            server.send("<r xmlns='urn:xmpp:sm:3'/>");
            Awaitility.await("the gateway acknowledges").atMost(Duration.ofSeconds(10))
                    .until(() -> ACK.matcher(server.received().get(0)).find());
            Matcher ack = ACK.matcher(server.received().get(0));
            ack.find();
            assertEquals("0", ack.group(1), "nothing the server sent after <enabled/> was handled yet");
        }
    }
}
