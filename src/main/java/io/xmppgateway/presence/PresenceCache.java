package io.xmppgateway.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Show;

/**
 * The last presence of every contact's resources, fed by the dispatcher with the presence the server delivers (the
 * roster's contacts send theirs after the gateway's initial presence). Behind {@code GET /v1/presence/{jid}}: App
 * Engine's {@code get_presence}. Written on the event loop, read from anywhere. Bounded: at most
 * {@link #MAX_CONTACTS} contacts of {@link #MAX_RESOURCES} resources each, and a contact whose resources all went
 * unavailable is forgotten.
 */
@ApplicationScoped
public class PresenceCache {

    private static final Logger LOG = Logger.getLogger(PresenceCache.class);

    /** Contacts tracked at most; beyond it new contacts are not cached (the roster stays on the server). */
    static final int MAX_CONTACTS = 100_000;

    /**
     * Resources kept per contact at most; beyond it the one heard from longest ago is dropped (a client that vanished
     * without an unavailable presence is the likeliest). Together with {@link #MAX_CONTACTS} it bounds the cache.
     */
    static final int MAX_RESOURCES = 16;

    /**
     * One available resource.
     *
     * @param resource the resource
     * @param show     its {@code <show/>}, if any
     * @param status   its status text, if any
     * @param priority its priority
     */
    public record ResourcePresence(String resource, Optional<Show> show, Optional<String> status, int priority) {
    }

    private final Map<Jid, Map<String, ResourcePresence>> contacts = new ConcurrentHashMap<>();

    /** Who waits for news of a contact ({@link #next}), by contact; at most one entry per waiting call. */
    private final Map<Jid, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** Applies one inbound presence. */
    public void update(Presence presence) {
        Optional<Jid> from = presence.from();
        if (from.isEmpty()) {
            return;
        }
        Jid contact = from.get().bare();
        String resource = from.get().resource().orElse("");
        apply(presence, contact, resource);
        if (presence.type() != PresenceType.PROBE) {
            List<CompletableFuture<Void>> waiters = waiting.remove(contact);
            if (waiters != null) {
                waiters.forEach(waiter -> waiter.complete(null));
            }
        }
    }

    private void apply(Presence presence, Jid contact, String resource) {
        switch (presence.type()) {
            case AVAILABLE -> {
                if (!contacts.containsKey(contact) && contacts.size() >= MAX_CONTACTS) {
                    LOG.warnf("Presence cache full (%d contacts): not caching %s", MAX_CONTACTS, contact);
                    return;
                }
                contacts.compute(contact, (jid, resources) -> {
                    // Oldest first: a resource heard from again moves to the end.
                    Map<String, ResourcePresence> next = resources == null ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(resources);
                    next.remove(resource);
                    next.put(resource, new ResourcePresence(resource, presence.show(), presence.status(),
                            presence.priority()));
                    if (next.size() > MAX_RESOURCES) {
                        next.remove(next.keySet().iterator().next());
                    }
                    return Collections.unmodifiableMap(next);
                });
            }
            case UNAVAILABLE, ERROR -> contacts.computeIfPresent(contact, (jid, resources) -> {
                Map<String, ResourcePresence> next = new LinkedHashMap<>(resources);
                // An unavailable presence from the bare JID means every resource is gone.
                if (resource.isEmpty()) {
                    next.clear();
                } else {
                    next.remove(resource);
                }
                return next.isEmpty() ? null : Collections.unmodifiableMap(next);
            });
            default -> {
            }
        }
    }

    /**
     * Completes when the next presence from {@code contact} (bare) has been applied — whatever its type: an answer to a
     * probe may say unavailable — or after {@code timeout}, whichever comes first. Waits from the moment it is called.
     */
    public Uni<Void> next(Jid contact, Duration timeout) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiting.compute(contact, (jid, waiters) -> {
            List<CompletableFuture<Void>> next = waiters == null ? new ArrayList<>() : waiters;
            next.add(waiter);
            return next;
        });
        // Leaves on its own, whether the caller still listens or not.
        waiter.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> waiting.computeIfPresent(contact, (jid, waiters) -> {
                    waiters.remove(waiter);
                    return waiters.isEmpty() ? null : waiters;
                }));
        return Uni.createFrom().completionStage(waiter);
    }

    /** Calls of {@link #next} still waiting (for tests). */
    int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    /** Contacts with at least one available resource (for tests). */
    int contacts() {
        return contacts.size();
    }

    /** The contact's available resources, the highest priority first; empty when unavailable or unknown. */
    public List<ResourcePresence> resources(Jid jid) {
        Map<String, ResourcePresence> resources = contacts.getOrDefault(jid.bare(), Map.of());
        return resources.values().stream()
                .filter(r -> jid.isBare() || jid.resource().orElse("").equals(r.resource()))
                .sorted(Comparator.comparingInt(ResourcePresence::priority).reversed()
                        .thenComparing(ResourcePresence::resource))
                .toList();
    }
}
