package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/**
 * A second connection for a component domain that is connected already:
 * <ul>
 * <li>Prosody 0.12 (its default {@code component_conflict_resolve = "kick_new"}) refuses the newcomer's handshake
 * with {@code <stream:error><conflict/><text>Component already connected</text></stream:error>} — a
 * {@link StreamErrorException} {@code conflict} — and keeps the first;</li>
 * <li>ejabberd 23.01 accepts both: it balances the domain between them.</li>
 * </ul>
 */
class ComponentSecondConnectionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void isAConflictOnProsodyAndASecondConnectionOnEjabberd(XmppServer server) throws Exception {
        try (ComponentStream first = ComponentStream.connect(server, Prosody.APP_DOMAIN, Prosody.APP_SECRET)) {
            if (server.name().equals(XmppServer.PROSODY)) {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> ComponentStream.connect(server, Prosody.APP_DOMAIN, Prosody.APP_SECRET).close());
                assertThat(failed.getCause(), instanceOf(StreamErrorException.class));
                assertEquals(StreamErrorCondition.CONFLICT, ((StreamErrorException) failed.getCause()).condition());
                assertThat(failed.getCause().getMessage(),
                        containsString("another connection already holds component " + Prosody.APP_DOMAIN));
            } else {
                try (ComponentStream second = ComponentStream.connect(server, Prosody.APP_DOMAIN,
                        Prosody.APP_SECRET)) {
                    assertFalse(second.isClosed());
                }
            }
            assertFalse(first.isClosed(), "the first connection is kept");
        }
    }
}
