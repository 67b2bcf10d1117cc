package io.xmppgateway.faults;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/** {@link ThrottledLinkScenario} through Prosody. */
@QuarkusTest
@TestProfile(ThrottledLinkTest.ThrottledLink.class)
class ThrottledLinkTest extends ThrottledLinkScenario {

    public static class ThrottledLink implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ToProsody.class));
        }
    }

    public static class ToProsody extends ThrottledProxy {
        @Override
        XmppServer server() {
            return Prosody.shared();
        }
    }

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
