package io.xmppgateway.faults;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyComponentResource;
import io.xmppgateway.testing.XmppServer;

/** {@link ComponentRestartMidBurstScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyComponentResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ComponentRestartMidBurstTest extends ComponentRestartMidBurstScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
