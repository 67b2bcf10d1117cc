package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;

/**
 * A component replica ({@code xmpp.component.connections=one}, Redis) whose lease gets it a connection Prosody
 * refuses with {@code conflict} — another connection holds {@value Prosody#APP_DOMAIN}, as a dead replica's would
 * until the server notices — backs off: one attempt per lease time to live, the lease given up meanwhile, and it
 * connects once the other connection is gone.
 */
class ComponentConflictBackoffTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    @Test
    void aReplicaRefusedWithConflictBacksOffAndConnectsOnceTheDomainIsFree() throws Exception {
        ComponentStream other = ComponentStream.connect(Prosody.shared(), Prosody.APP_DOMAIN, Prosody.APP_SECRET);
        try (SessionHarness replica = SessionHarness.componentReplica(Prosody.shared(), Map.of(
                "xmpp.lease.ttl", TTL.toMillis() + "ms", "xmpp.resource", "replica-a"))) {
            try {
                SessionStatus.Snapshot refused = replica.awaitState(SessionStatus.State.DISCONNECTED,
                        Duration.ofSeconds(10));
                assertThat(refused.lastError().orElse(""), containsString("conflict"));
                int first = replica.status.totalAttempts();
                Thread.sleep(4 * TTL.toMillis());
                int attempts = replica.status.totalAttempts() - first;
                assertTrue(attempts >= 2 && attempts <= 5, attempts + " attempts in 4 lease times to live");
            } finally {
                other.close();
            }
            replica.awaitState(SessionStatus.State.ONLINE, TTL.multipliedBy(3));
            assertEquals("replica-a", replica.status.activeReplica().orElse(""));
            assertTrue(replica.status.active());
        }
    }
}
