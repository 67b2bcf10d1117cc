package io.xmppgateway.faults;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyProfile;
import io.xmppgateway.testing.XmppServer;

/** {@link QuarantineScenario} through Prosody. */
@QuarkusTest
@TestProfile(QuarantineTest.LargeMessagesAllowed.class)
class QuarantineTest extends QuarantineScenario {

    public static class LargeMessagesAllowed extends ProsodyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LARGE_MESSAGES_ALLOWED;
        }
    }

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
