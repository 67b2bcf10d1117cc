package io.xmppgateway.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdResource;
import io.xmppgateway.testing.XmppServer;

/** {@link PresenceScenario} through ejabberd. */
@QuarkusTest
@WithTestResource(value = EjabberdResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PresenceEjabberdTest extends PresenceScenario {

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
