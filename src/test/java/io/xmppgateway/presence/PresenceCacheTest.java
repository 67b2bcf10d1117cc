package io.xmppgateway.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;

/**
 * The cache is bounded in contacts and in resources per contact, and forgets a contact that went away; a wait for a
 * contact's news ends with its next presence or its timeout, and is forgotten either way.
 */
class PresenceCacheTest {

    private final PresenceCache cache = new PresenceCache();

    private void available(String from, int priority) {
        cache.update(Presence.builder().from(Jid.of(from)).priority(priority).build());
    }

    private void unavailable(String from) {
        cache.update(Presence.builder().from(Jid.of(from)).type(PresenceType.UNAVAILABLE).build());
    }

    @Test
    void aContactKeepsAtMostSixteenResourcesTheLastHeardFrom() {
        for (int i = 0; i < 100; i++) {
            available("juliet@example.org/r" + i, 0);
        }
        List<PresenceCache.ResourcePresence> resources = cache.resources(Jid.of("juliet@example.org"));
        assertEquals(PresenceCache.MAX_RESOURCES, resources.size());
        assertTrue(resources.stream().allMatch(r -> Integer.parseInt(r.resource().substring(1)) >= 100 - 16),
                "the oldest are dropped: " + resources);

        available("juliet@example.org/r90", 5); // heard from again: now the newest
        available("juliet@example.org/new", 0);
        resources = cache.resources(Jid.of("juliet@example.org"));
        assertEquals(PresenceCache.MAX_RESOURCES, resources.size());
        assertEquals("r90", resources.get(0).resource());
        assertTrue(resources.stream().noneMatch(r -> r.resource().equals("r84")), "r84 was the oldest");
    }

    @Test
    void tenThousandContactsThatWentAwayLeaveNothingBehind() {
        for (int i = 0; i < 10_000; i++) {
            available("contact" + i + "@example.org/phone", 0);
        }
        assertEquals(10_000, cache.contacts());
        for (int i = 0; i < 10_000; i++) {
            unavailable("contact" + i + "@example.org/phone");
        }
        assertEquals(0, cache.contacts());
    }

    @Test
    void aWaitForAContactEndsWithItsNextPresenceWhateverItsTypeAndLeavesNothingBehind() {
        Jid juliet = Jid.of("juliet@example.org");
        CompletableFuture<Void> heard = cache.next(juliet, Duration.ofMinutes(1)).subscribeAsCompletionStage();
        available("romeo@example.org/phone", 0);
        cache.update(Presence.builder().from(Jid.of("juliet@example.org/phone")).type(PresenceType.PROBE).build());
        assertFalse(heard.isDone(), "another contact's presence, or a probe, is no news of juliet");
        unavailable("juliet@example.org/phone");
        assertTrue(heard.isDone(), "an unavailable presence answers too");
        assertEquals(0, cache.waiting(), "the wait is forgotten");
    }

    @Test
    void aWaitNobodyAnswersEndsAfterItsTimeoutEvenIfNobodyListens() {
        Uni<Void> unheard = cache.next(Jid.of("juliet@example.org"), Duration.ofMillis(50));
        cache.next(Jid.of("juliet@example.org"), Duration.ofMillis(50)); // dropped at once
        assertNull(unheard.await().atMost(Duration.ofSeconds(5)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.waiting() == 0);
    }
}
