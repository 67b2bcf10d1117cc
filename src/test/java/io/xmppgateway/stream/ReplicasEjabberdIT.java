package io.xmppgateway.stream;

import java.time.Duration;

import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.XmppServer;

/** {@link ReplicasScenario} against ejabberd (sessions wait 5 minutes to be resumed). */
class ReplicasEjabberdIT extends ReplicasScenario {

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }

    /** A quarter of Prosody's minute: the same check, within the build's time budget. */
    @Override
    Duration onlineFor() {
        return Duration.ofSeconds(15);
    }
}
