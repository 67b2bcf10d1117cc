package io.xmppgateway.faults;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.XmppServer;

/** {@link ThrottledLinkScenario} through ejabberd. */
@QuarkusTest
@TestProfile(ThrottledLinkEjabberdTest.ThrottledLink.class)
class ThrottledLinkEjabberdTest extends ThrottledLinkScenario {

    public static class ThrottledLink implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ToEjabberd.class));
        }
    }

    public static class ToEjabberd extends ThrottledProxy {
        @Override
        XmppServer server() {
            return Ejabberd.shared();
        }
    }

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
