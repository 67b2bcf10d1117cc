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
 * ejabberd is killed with SIGKILL and restarted while 2,000 sends are in flight: all arrive at least once
 * (as {@link ServerKilledMidBurstTest} with Prosody).
 */
@QuarkusTest
@WithTestResource(value = EjabberdResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ServerKilledMidBurstEjabberdTest {

    @Inject
    SessionStatus status;

    @Test
    void everySendArrivesAtLeastOnceAcrossAKill() throws Exception {
        Online.await(status);
        Burst.run(Ejabberd.shared(), "erin", status, () -> {
            Ejabberd.shared().kill();
            Ejabberd.shared().start();
        });
    }
}
