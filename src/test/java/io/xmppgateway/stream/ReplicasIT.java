package io.xmppgateway.stream;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/** {@link ReplicasScenario} against Prosody (default settings: sessions hibernate 10 minutes). */
class ReplicasIT extends ReplicasScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
