package io.xmppgateway.webhook;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.XmppServer;

/** {@link WebhooksScenario} through Prosody. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhooksTest extends WebhooksScenario {

    @Override
    XmppServer server() {
        return Prosody.shared();
    }
}
