package io.xmppgateway.quota;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyProfile;
import io.xmppgateway.testing.XmppServer;

/** {@link InvitationQuotaScenario} through Prosody. */
@QuarkusTest
@TestProfile(InvitationQuotaTest.ThreeInvitationsADay.class)
class InvitationQuotaTest extends InvitationQuotaScenario {

    public static class ThreeInvitationsADay extends ProsodyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return THREE_INVITATIONS_A_DAY;
        }
    }

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
