package io.xmppgateway.presence;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.Show;

/**
 * The last presence of every contact's resources, fed by the dispatcher with the presence the server delivers (the
 * roster's contacts send theirs after the gateway's initial presence). Behind {@code GET /v1/presence/{jid}}: App Engine's
 * {@code get_presence}. Written on the event loop, read from anywhere.
 */
@ApplicationScoped
public class PresenceCache {

    private static final Logger LOG = Logger.getLogger(PresenceCache.class);

    /** Contacts tracked at most; beyond it new contacts are not cached (the roster stays on the server). */
    static final int MAX_CONTACTS = 100_000;

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

    /** Applies one inbound presence. */
    public void update(Presence presence) {
        Optional<Jid> from = presence.from();
        if (from.isEmpty()) {
            return;
        }
        Jid contact = from.get().bare();
        String resource = from.get().resource().orElse("");
        switch (presence.type()) {
            case AVAILABLE -> {
                if (!contacts.containsKey(contact) && contacts.size() >= MAX_CONTACTS) {
                    LOG.warnf("Presence cache full (%d contacts): not caching %s", MAX_CONTACTS, contact);
                    return;
                }
                contacts.compute(contact, (jid, resources) -> {
                    Map<String, ResourcePresence> next = resources == null ? new HashMap<>() : new HashMap<>(resources);
                    next.put(resource, new ResourcePresence(resource, presence.show(), presence.status(),
                            presence.priority()));
                    return Map.copyOf(next);
                });
            }
            case UNAVAILABLE, ERROR -> contacts.computeIfPresent(contact, (jid, resources) -> {
                Map<String, ResourcePresence> next = new HashMap<>(resources);
                // An unavailable presence from the bare JID means every resource is gone.
                if (resource.isEmpty()) {
                    next.clear();
                } else {
                    next.remove(resource);
                }
                return next.isEmpty() ? null : Map.copyOf(next);
            });
            default -> {
            }
        }
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
