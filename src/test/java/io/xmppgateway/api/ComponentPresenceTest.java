package io.xmppgateway.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyComponentResource;
import io.xmppgateway.testing.XmppServer;

/** {@link ComponentPresenceScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyComponentResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ComponentPresenceTest extends ComponentPresenceScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
