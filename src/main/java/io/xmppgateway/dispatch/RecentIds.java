package io.xmppgateway.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last stanzas seen, per sender: after a XEP-0198 resumption the server resends what the gateway had
 * not yet acknowledged, and those must not reach the handlers twice. Bounded; used from one event loop only.
 */
final class RecentIds {

    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
        seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether this (sender, id) is new; a stanza without an id cannot be recognised and always is. */
    boolean firstTime(String from, String id) {
        if (id == null) {
            return true;
        }
        return seen.put(from + "\u0000" + id, Boolean.TRUE) == null;
    }
}
