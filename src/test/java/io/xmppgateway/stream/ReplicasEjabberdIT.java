package io.xmppgateway.stream;

import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.XmppServer;

/** {@link ReplicasScenario} against ejabberd (sessions wait 5 minutes to be resumed). */
class ReplicasEjabberdIT extends ReplicasScenario {

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
