package io.xmppgateway.testing;

import java.time.Duration;

import org.awaitility.Awaitility;

import io.xmppgateway.stream.SessionStatus;

/** Waits for the gateway under test to be online with the test server. */
public final class Online {

    private Online() {
    }

    public static void await(SessionStatus status) {
        Awaitility.await("the gateway's XMPP session is online").atMost(Duration.ofSeconds(30))
                .until(() -> status.current().state() == SessionStatus.State.ONLINE);
    }
}
