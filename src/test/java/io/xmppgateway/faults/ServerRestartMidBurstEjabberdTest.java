package io.xmppgateway.faults;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.EjabberdResource;
import io.xmppgateway.testing.Online;

/**
 * ejabberd is stopped cleanly and restarted while 2,000 sends are in flight: all of them arrive
 * (as {@link ServerRestartMidBurstTest} with Prosody).
 */
@QuarkusTest
@WithTestResource(value = EjabberdResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ServerRestartMidBurstEjabberdTest {

    @Inject
    SessionStatus status;

    @Test
    void everySendArrivesAcrossACleanRestart() throws Exception {
        Online.await(status);
        Burst.run(Ejabberd.shared(), "dave", status, () -> Ejabberd.shared().restart());
    }
}
