package io.xmppgateway.faults;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.XmppServer;

/** {@link UnparseableSenderScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnparseableSenderTest extends UnparseableSenderScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
