package io.xmppgateway.faults;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;

/** Prosody is stopped cleanly and restarted while 2,000 sends are in flight: all of them arrive. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ServerRestartMidBurstTest {

    @Inject
    SessionStatus status;

    @Test
    void everySendArrivesAcrossACleanRestart() throws Exception {
        Online.await(status);
        Burst.run("dave", status, () -> Prosody.shared().restart());
    }
}
