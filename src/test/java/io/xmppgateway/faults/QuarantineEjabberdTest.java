package io.xmppgateway.faults;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdProfile;
import io.xmppgateway.testing.XmppServer;

/** {@link QuarantineScenario} through ejabberd. */
@QuarkusTest
@TestProfile(QuarantineEjabberdTest.LargeMessagesAllowed.class)
class QuarantineEjabberdTest extends QuarantineScenario {

    public static class LargeMessagesAllowed extends EjabberdProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LARGE_MESSAGES_ALLOWED;
        }
    }

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
