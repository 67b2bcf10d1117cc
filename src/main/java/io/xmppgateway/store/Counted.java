package io.xmppgateway.store;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link SharedStore#addWithinCaps} did.
 *
 * @param refused the first counter that would have passed its cap (then nothing was added), or empty
 * @param totals  the counters of the key after the call (before it, when refused: may be empty then)
 */
public record Counted(Optional<String> refused, Map<String, Long> totals) {

    public static Counted added(Map<String, Long> totals) {
        return new Counted(Optional.empty(), Map.copyOf(totals));
    }

    public static Counted refused(String counter) {
        return new Counted(Optional.of(counter), Map.of());
    }

    /** Whether the deltas were added. */
    public boolean added() {
        return refused.isEmpty();
    }
}
