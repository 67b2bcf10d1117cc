package io.xmppgateway.api;

import java.util.List;

/**
 * A contact's presence as the gateway last saw it.
 *
 * @param jid       the JID asked about
 * @param available whether any of its resources is available
 * @param show      the {@code show} of the highest-priority resource, if any
 * @param status    the status text of the highest-priority resource, if any
 * @param resources every available resource, the highest priority first
 */
public record PresenceView(String jid, boolean available, String show, String status, List<Resource> resources) {

    /**
     * @param resource the resource
     * @param show     its show, if any
     * @param status   its status text, if any
     * @param priority its priority
     */
    public record Resource(String resource, String show, String status, int priority) {
    }
}
