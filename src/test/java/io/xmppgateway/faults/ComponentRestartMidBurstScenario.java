package io.xmppgateway.faults;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/**
 * The gateway is the component {@value Prosody#APP_DOMAIN} (XEP-0114); the server is stopped cleanly and started
 * again on the same ports while 2,000 sends, from {@code news@} and {@code alerts@} that domain, are in flight
 * ({@link Burst}): every send ends with a 200 and every message arrives at the Smack user at least once, from its
 * address. A component stream has no XEP-0198: what no ping's answer covered when the stream broke is written again
 * on the next one with the same ids, so copies are possible; they are counted and printed, not forbidden.
 * {@link ComponentRestartMidBurstTest} (Prosody) and {@link ComponentRestartMidBurstEjabberdTest}.
 */
abstract class ComponentRestartMidBurstScenario {

    private static final List<String> SENDERS = List.of("news@" + Prosody.APP_DOMAIN, "alerts@" + Prosody.APP_DOMAIN);

    /** The server the gateway under test is a component of (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void everySendArrivesAtLeastOnceAcrossACleanRestart() throws Exception {
        Online.await(status);
        Burst.run(server(), "dave", SENDERS, status, () -> server().restart());
    }
}
