package io.xmppgateway.quota;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdProfile;
import io.xmppgateway.testing.XmppServer;

/** {@link InvitationQuotaScenario} through ejabberd. */
@QuarkusTest
@TestProfile(InvitationQuotaEjabberdTest.ThreeInvitationsADay.class)
class InvitationQuotaEjabberdTest extends InvitationQuotaScenario {

    public static class ThreeInvitationsADay extends EjabberdProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return THREE_INVITATIONS_A_DAY;
        }
    }

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
