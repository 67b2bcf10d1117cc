package io.xmppgateway.faults;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.XmppServer;

/** {@link WebhookOutageScenario} through ejabberd. */
@QuarkusTest
@TestProfile(WebhookOutageEjabberdTest.SmallInboundBound.class)
class WebhookOutageEjabberdTest extends WebhookOutageScenario {

    public static class SmallInboundBound implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DefaultRetries.class));
        }
    }

    public static class DefaultRetries implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return defaultRetries(Ejabberd.shared());
        }

        @Override
        public void stop() {
        }
    }

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
