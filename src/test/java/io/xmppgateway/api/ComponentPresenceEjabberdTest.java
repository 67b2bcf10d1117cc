package io.xmppgateway.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdComponentResource;
import io.xmppgateway.testing.XmppServer;

/** {@link ComponentPresenceScenario} through ejabberd. */
@QuarkusTest
@WithTestResource(value = EjabberdComponentResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ComponentPresenceEjabberdTest extends ComponentPresenceScenario {

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
