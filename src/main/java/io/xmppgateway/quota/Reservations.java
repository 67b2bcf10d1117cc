package io.xmppgateway.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.quota.QuotaStore.Consumed;

/**
 * Blocks of the daily caps reserved in a store that replicas share ({@code gateway.store=redis}) and spent here
 * without asking it, as large rate limiters do: most calls are then admitted in this process's memory, with no round
 * trip, and the store still never lets the replicas together pass a cap.
 *
 * <p>A call the block cannot cover goes to the store as before, and asks besides for a new block of each capped
 * meter it counts: {@code 1/}{@value #SHARE} of what the cap has left after the call, in the same atomic step (one
 * block request at a time; the others meanwhile go without one). Only while at least {@value #THRESHOLD} units are
 * left: below that, every call is counted in the store exactly as without blocks, so small caps (ten invitations a
 * day) stay exact across replicas whichever one a call hits. A block that would not fit (another replica took what
 * it was sized by) is not forced: the call is counted alone. The store holds a reserved block as used, so no other
 * replica can take those units; spending them here needs nothing of the store, even while it is down. Beside each
 * capped counter the store keeps how much of it the replicas hold reserved ({@code reserved:<meter>}): a block adds
 * to both, and what is spent from it comes off the reserved count at the next tick.
 *
 * <p>What goes back: usage no cap applies to is added here and handed to the store once a second ({@link #tick}),
 * with what was spent from blocks and the rest of a block not spent from since the tick before — an idle replica
 * holds nothing back for long —, and everything at shutdown ({@link #close}). A replica that crashes leaves its block unspent for the day, and its
 * last second's uncapped usage uncounted: the others may then admit less than the cap, never more. Until a block
 * comes back, a call on another replica can be refused while this one could still admit it.
 *
 * <p>Usage, as {@link #adjusted} reports it: the store's counters less what every replica holds reserved, plus what
 * this replica admitted and has not handed over yet — exact for this replica, and for the others as of their last
 * tick (at most a second old). Unspent blocks are not usage anywhere.
 */
final class Reservations {

    private static final Logger LOG = Logger.getLogger(Reservations.class);

    /** A block is this share of what a cap has left after the call that reserves it. */
    static final long SHARE = 64;
    /** Below this many units left of a cap, no block of it is reserved: each call is counted in the store. */
    static final long THRESHOLD = 16 * SHARE;

    /**
     * The store's own check-and-increment, as {@link QuotaStore#tryConsume} does it without blocks, growing the
     * reserved counts by {@code reserved} in the same step.
     */
    interface Counter {
        Uni<Tally> add(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> reserved, Map<Meter, Long> caps,
                       Instant resetsAt);
    }

    /**
     * What the store answered.
     *
     * @param refused  the first meter that would have passed its cap (then nothing was counted), or empty
     * @param used     the day's counters, blocks included
     * @param reserved how much of each the replicas hold reserved
     */
    record Tally(Optional<Meter> refused, Map<Meter, Long> used, Map<Meter, Long> reserved) {
    }

    private final Counter store;
    private final Object lock = new Object();
    // Everything below is guarded by the lock, which is never held across a call to the store.
    private LocalDate day = LocalDate.MIN;
    private Instant resetsAt = Instant.MIN;
    /** The day's counters as the store last answered them: what blocks are sized by. */
    private Map<Meter, Long> stored = Map.of();
    /** The reserved counts as the store last answered them, less what was handed since. */
    private Map<Meter, Long> storedReserved = Map.of();
    /** What is left of this replica's blocks, per capped meter. */
    private final Map<Meter, Long> unspent = new EnumMap<>(Meter.class);
    /** What was spent from them since the last tick: still reserved as far as the store knows. */
    private final Map<Meter, Long> spent = new EnumMap<>(Meter.class);
    /** Usage no cap applies to, admitted here and not yet handed to the store. */
    private final Map<Meter, Long> pending = new EnumMap<>(Meter.class);
    private boolean reserving;
    private boolean spentSinceTick;
    private boolean closed;

    Reservations(Counter store) {
        this.store = store;
    }

    /** As {@link QuotaStore#tryConsume}: from the block when it covers every capped meter, else in the store. */
    Uni<Consumed> tryConsume(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps, Instant resetsAt) {
        Map<Meter, Long> blocks;
        synchronized (lock) {
            if (closed || day.isBefore(this.day)) {
                return counted(day, deltas, caps, resetsAt);
            }
            turnTo(day, resetsAt);
            if (covered(deltas, caps)) {
                deltas.forEach((meter, delta) -> {
                    if (caps.containsKey(meter)) {
                        unspent.merge(meter, -delta, Long::sum);
                        spent.merge(meter, delta, Long::sum);
                        spentSinceTick = true;
                    } else {
                        pending.merge(meter, delta, Long::sum);
                    }
                });
                return Uni.createFrom().item(new Consumed(Optional.empty(), adjustedLocked(stored, storedReserved)));
            }
            blocks = reserving ? Map.of() : blocks(deltas, caps);
            reserving = !blocks.isEmpty();
        }
        return blocks.isEmpty() ? counted(day, deltas, caps, resetsAt) : reserve(day, deltas, blocks, caps, resetsAt);
    }

    /**
     * That day's counters and reserved counts as the store has them, made this replica's view (see the class
     * comment).
     */
    Map<Meter, Long> adjusted(LocalDate day, Map<Meter, Long> stored, Map<Meter, Long> reserved) {
        synchronized (lock) {
            return adjustedLocked(stored, reserved, day.equals(this.day));
        }
    }

    /** Hands the uncapped usage to the store, and gives back a block not spent from since the last tick. */
    void tick() {
        Handed handed;
        LocalDate handedDay;
        Instant expiresAt;
        synchronized (lock) {
            handed = drained(!spentSinceTick && !reserving);
            spentSinceTick = false;
            handedDay = day;
            expiresAt = resetsAt;
        }
        hand(handedDay, handed, expiresAt).subscribe().with(done -> { }, failure -> { });
    }

    /** From now on every call is counted in the store; what this replica holds goes back to it. */
    Uni<Void> close() {
        Handed handed;
        LocalDate handedDay;
        Instant expiresAt;
        synchronized (lock) {
            closed = true;
            handed = drained(true);
            handedDay = day;
            expiresAt = resetsAt;
        }
        return hand(handedDay, handed, expiresAt);
    }

    /** Whether the blocks cover every capped meter of the call. */
    private boolean covered(Map<Meter, Long> deltas, Map<Meter, Long> caps) {
        for (Map.Entry<Meter, Long> delta : deltas.entrySet()) {
            if (caps.containsKey(delta.getKey()) && unspent.getOrDefault(delta.getKey(), 0L) < delta.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A block per capped meter of the call, sized by what the store last said is left; none unless every one of them
     * gets one (a call is only ever spent from blocks whole), nor before the store has answered once today.
     */
    private Map<Meter, Long> blocks(Map<Meter, Long> deltas, Map<Meter, Long> caps) {
        Map<Meter, Long> blocks = new EnumMap<>(Meter.class);
        if (stored.isEmpty()) {
            return blocks;
        }
        for (Map.Entry<Meter, Long> delta : deltas.entrySet()) {
            Long cap = caps.get(delta.getKey());
            if (cap != null) {
                long left = cap - stored.getOrDefault(delta.getKey(), 0L) - delta.getValue();
                if (left < THRESHOLD) {
                    return Map.of();
                }
                blocks.put(delta.getKey(), left / SHARE);
            }
        }
        return blocks;
    }

    /** The call and the blocks in one atomic step; the call alone if the blocks do not fit. */
    private Uni<Consumed> reserve(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> blocks,
                                  Map<Meter, Long> caps, Instant resetsAt) {
        Map<Meter, Long> asked = new EnumMap<>(deltas);
        blocks.forEach((meter, block) -> asked.merge(meter, block, Long::sum));
        return store.add(day, asked, blocks, caps, resetsAt)
                .onTermination().invoke(() -> {
                    synchronized (lock) {
                        reserving = false;
                    }
                })
                .chain(consumed -> {
                    if (consumed.refused().isPresent()) {
                        return counted(day, deltas, caps, resetsAt);
                    }
                    boolean stopped;
                    synchronized (lock) {
                        if (!closed && day.equals(this.day)) {
                            blocks.forEach((meter, block) -> unspent.merge(meter, block, Long::sum));
                            spentSinceTick = true;
                            stored = consumed.used();
                            storedReserved = consumed.reserved();
                            return Uni.createFrom().item(new Consumed(Optional.empty(),
                                    adjustedLocked(stored, storedReserved)));
                        }
                        stopped = closed;
                    }
                    // Stopping meanwhile: the block goes straight back (at midnight it is simply dropped).
                    Map<Meter, Long> back = new EnumMap<>(Meter.class);
                    blocks.forEach((meter, block) -> back.put(meter, -block));
                    return hand(day, stopped ? new Handed(back, back) : Handed.NOTHING, resetsAt)
                            .onFailure().recoverWithItem((Void) null)
                            .replaceWith(new Consumed(Optional.empty(), consumed.used()));
                });
    }

    /** The call counted in the store, as without blocks. */
    private Uni<Consumed> counted(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps,
                                  Instant resetsAt) {
        return store.add(day, deltas, Map.of(), caps, resetsAt).map(consumed -> {
            synchronized (lock) {
                if (!day.equals(this.day) || consumed.refused().isPresent()) {
                    return new Consumed(consumed.refused(), adjustedLocked(consumed.used(), consumed.reserved(), false));
                }
                stored = consumed.used();
                storedReserved = consumed.reserved();
                return new Consumed(Optional.empty(), adjustedLocked(stored, storedReserved));
            }
        });
    }

    /** A new quota day: the last one's blocks expire with its counters, its uncapped usage is handed over. */
    private void turnTo(LocalDate day, Instant resetsAt) {
        if (day.equals(this.day)) {
            return;
        }
        hand(this.day, drained(false), this.resetsAt).subscribe().with(done -> { }, failure -> { });
        unspent.clear();
        spent.clear();
        stored = Map.of();
        storedReserved = Map.of();
        this.day = day;
        this.resetsAt = resetsAt;
    }

    /**
     * What goes to the store at a tick: the counters' deltas and the reserved counts'.
     *
     * @param used     the uncapped usage, and the unspent blocks given back (negative)
     * @param reserved what was spent from blocks and the blocks given back, off the reserved counts (negative)
     */
    private record Handed(Map<Meter, Long> used, Map<Meter, Long> reserved) {
        static final Handed NOTHING = new Handed(Map.of(), Map.of());

        boolean isEmpty() {
            return used.isEmpty() && reserved.isEmpty();
        }
    }

    /**
     * The uncapped usage and what was spent from blocks and, if {@code withBlocks}, the unspent blocks, taken out of
     * this replica — and out of its copy of the store's counters, as if already handed.
     */
    private Handed drained(boolean withBlocks) {
        Map<Meter, Long> used = new EnumMap<>(pending);
        Map<Meter, Long> reserved = new EnumMap<>(Meter.class);
        spent.forEach((meter, delta) -> reserved.put(meter, -delta));
        pending.clear();
        spent.clear();
        if (withBlocks) {
            unspent.forEach((meter, left) -> {
                used.merge(meter, -left, Long::sum);
                reserved.merge(meter, -left, Long::sum);
            });
            unspent.clear();
        }
        used.values().removeIf(delta -> delta == 0);
        reserved.values().removeIf(delta -> delta == 0);
        stored = plus(stored, used);
        storedReserved = plus(storedReserved, reserved);
        return new Handed(used, reserved);
    }

    /**
     * Adds the deltas to that day's counters and reserved counts, capped by nothing. A failure loses them: usage goes
     * uncounted, and a block that may or may not have come back is never spent again — fewer admitted, never more.
     */
    private Uni<Void> hand(LocalDate day, Handed handed, Instant resetsAt) {
        if (handed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.add(day, handed.used(), handed.reserved(), Map.of(), resetsAt).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Usage or a block not handed to the store (%s): %s",
                        handed, failure.getMessage()));
    }

    private Map<Meter, Long> adjustedLocked(Map<Meter, Long> stored, Map<Meter, Long> reserved) {
        return adjustedLocked(stored, reserved, true);
    }

    /** The counters less what is reserved, plus — if {@code own}, the replica's day — what it has not handed yet. */
    private Map<Meter, Long> adjustedLocked(Map<Meter, Long> stored, Map<Meter, Long> reserved, boolean own) {
        Map<Meter, Long> used = QuotaStore.unreserved(stored, reserved);
        if (own) {
            spent.forEach((meter, delta) -> used.merge(meter, delta, Long::sum));
            pending.forEach((meter, delta) -> used.merge(meter, delta, Long::sum));
        }
        return used;
    }

    private static Map<Meter, Long> plus(Map<Meter, Long> counters, Map<Meter, Long> deltas) {
        if (counters.isEmpty() || deltas.isEmpty()) {
            return counters;
        }
        Map<Meter, Long> sum = new EnumMap<>(counters);
        deltas.forEach((meter, delta) -> sum.merge(meter, delta, Long::sum));
        return sum;
    }
}
