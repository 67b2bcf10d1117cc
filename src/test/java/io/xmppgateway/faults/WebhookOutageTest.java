package io.xmppgateway.faults;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/** {@link WebhookOutageScenario} through Prosody. */
@QuarkusTest
@TestProfile(WebhookOutageTest.SmallInboundBound.class)
class WebhookOutageTest extends WebhookOutageScenario {

    public static class SmallInboundBound implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DefaultRetries.class));
        }
    }

    public static class DefaultRetries implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return defaultRetries(Prosody.shared());
        }

        @Override
        public void stop() {
        }
    }

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
