package io.xmppgateway.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A server whose {@code <a h/>} acknowledges stanzas never sent, or is no number: the gateway answers with the
 * stream error XEP-0198 prescribes and starts a fresh session — no resumption of the broken one, no reconnect loop.
 */
class WrongAcknowledgementTest {

    @ParameterizedTest
    @ValueSource(strings = {"99", "-3", "many"})
    void aWrongCountEndsTheStreamAndANewSessionStarts(String h) throws Exception {
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(), "<a xmlns='urn:xmpp:sm:3' h='" + h + "'/>");
             SessionHarness session = new SessionHarness(server.gatewayConfig())) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> server.received().size() >= 2
                    && server.received().get(1).contains("<enable"));

            String first = server.received().get(0);
            assertThat(first, containsString("undefined-condition"));
            assertThat(first, containsString("handled-count-too-high"));
            String second = server.received().get(1);
            assertThat("a fresh session, not a resumption", second, not(containsString("<resume")));
            assertThat(second, containsString("<bind"));
        }
    }
}
