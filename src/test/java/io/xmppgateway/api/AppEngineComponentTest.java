package io.xmppgateway.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyComponentResource;
import io.xmppgateway.testing.XmppServer;

/** {@link AppEngineComponentScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyComponentResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AppEngineComponentTest extends AppEngineComponentScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
