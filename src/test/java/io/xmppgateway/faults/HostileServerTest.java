package io.xmppgateway.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.xmppgateway.testing.FakeXmppServer;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A hostile server, over a real TLS socket: whatever it sends once the session is up, the gateway answers with the
 * right stream error, drops the connection and makes a new one — the process is not hurt.
 */
class HostileServerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "depth 10000, policy-violation",
            "10000 attributes, policy-violation",
            "5000 distinct names, policy-violation",
            "never-ending element, policy-violation",
            "a comment, restricted-xml",
            "an undeclared entity, restricted-xml",
            "a DTD after the header, restricted-xml"})
    void hostileInputEndsTheStreamWithTheRightErrorAndTheGatewayReconnects(String attack, String condition)
            throws Exception {
        try (FakeXmppServer server = new FakeXmppServer(Prosody.shared(), payload(attack));
             SessionHarness session = new SessionHarness(server.gatewayConfig())) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> server.received().size() >= 2
                    && server.received().get(1).contains("<bind"));
            assertThat(server.received().get(0), containsString("<" + condition + " "));
        }
    }

    private static String payload(String attack) {
        return switch (attack) {
            case "depth 10000" -> "<message>" + "<a>".repeat(10_000);
            case "10000 attributes" -> {
                StringBuilder element = new StringBuilder("<message");
                for (int i = 0; i < 10_000; i++) {
                    element.append(" a").append(i).append("='x'");
                }
                yield element.append("/>").toString();
            }
            case "5000 distinct names" -> {
                StringBuilder stanzas = new StringBuilder();
                for (int i = 0; i < 5_000; i++) {
                    stanzas.append("<message><n").append(i).append("/></message>");
                }
                yield stanzas.toString();
            }
            case "never-ending element" -> "<message><body>" + "x".repeat(600 * 1024);
            case "a comment" -> "<message><!-- hello --></message>";
            case "an undeclared entity" -> "<message><body>&xxe;</body></message>";
            case "a DTD after the header" -> "<!DOCTYPE x [<!ENTITY lol 'lol'>]><message/>";
            default -> throw new IllegalArgumentException(attack);
        };
    }
}
