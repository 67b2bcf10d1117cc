package io.xmppgateway.dispatch;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.XmppServer;

/** {@link IqHandlersScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IqHandlersTest extends IqHandlersScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
