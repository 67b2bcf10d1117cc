package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;
import io.xmppgateway.testing.XmppServer;

/**
 * A component domain the server has no component for fails clearly, though not the same way on both servers:
 * <ul>
 * <li>Prosody 0.12 refuses the stream header itself: it opens its side with {@code id=''} and sends
 * {@code <stream:error><host-unknown/><text>nobody.localhost does not match any configured external
 * components</text></stream:error>} — a {@link StreamErrorException} {@code host-unknown};</li>
 * <li>ejabberd 23.01 opens the stream with an id and answers the handshake with {@code <not-authorized/>}, as for a
 * wrong secret — an {@link AuthenticationException}.</li>
 * </ul>
 */
class ComponentUnknownDomainTest {

    private static final String UNKNOWN = "nobody.localhost";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void failsWithHostUnknownOnProsodyAndNotAuthorizedOnEjabberd(XmppServer server) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> ComponentStream.connect(server, UNKNOWN, "any-secret").close());

        Throwable cause = failed.getCause();
        if (server.name().equals(XmppServer.PROSODY)) {
            assertThat(cause, instanceOf(StreamErrorException.class));
            assertEquals(StreamErrorCondition.HOST_UNKNOWN, ((StreamErrorException) cause).condition());
            assertThat(cause.getMessage(), containsString("the server has no component " + UNKNOWN));
        } else {
            assertThat(cause, instanceOf(AuthenticationException.class));
            assertThat(cause.getMessage(), containsString("component " + UNKNOWN + ": not-authorized"));
        }
    }
}
