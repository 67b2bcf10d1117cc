package io.xmppgateway.faults;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdComponentResource;
import io.xmppgateway.testing.XmppServer;

/** {@link ComponentRestartMidBurstScenario} through ejabberd. */
@QuarkusTest
@WithTestResource(value = EjabberdComponentResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ComponentRestartMidBurstEjabberdTest extends ComponentRestartMidBurstScenario {

    @Override
    XmppServer server() {
        return Ejabberd.shared();
    }
}
