package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/**
 * A wrong component secret fails the handshake with an {@link AuthenticationException} — the failure a session does
 * not retry — that names the domain and the condition, and not the secret. What the servers send in answer to the
 * {@code <handshake/>}, then closing the stream:
 * <ul>
 * <li>Prosody 0.12: {@code <stream:error><not-authorized/><text>Given token does not match calculated
 * token</text></stream:error>};</li>
 * <li>ejabberd 23.01: {@code <stream:error><not-authorized/></stream:error>}, without a text.</li>
 * </ul>
 */
class ComponentWrongSecretTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void failsAsAnAuthenticationFailureThatNamesTheDomainAndNotTheSecret(XmppServer server) {
        String wrong = "not-" + Prosody.APP_SECRET;
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> ComponentStream.connect(server, Prosody.APP_DOMAIN, wrong).close());

        assertThat(failed.getCause(), instanceOf(AuthenticationException.class));
        String message = failed.getCause().getMessage();
        assertThat(message, containsString("component " + Prosody.APP_DOMAIN + ": not-authorized"));
        if (server.name().equals(XmppServer.PROSODY)) {
            assertThat(message, containsString("Given token does not match calculated token"));
        }
        assertThat(message, not(containsString(wrong)));
    }
}
