package io.xmppgateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.eventbus.Message;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.stanza.Element;

/**
 * The XEP-0198 state of the gateway's session, kept across reconnects so that nothing written is forgotten before
 * the server acknowledged it. Outbound: the stanzas written and not yet acknowledged, in order, and those accepted
 * while no stream was up; the server's {@code h} acknowledges a prefix of them. Inbound: how many stanzas the
 * gateway has handled, for the {@code <a h/>} it owes the server. Counters are 32-bit and wrap (XEP-0198 §4).
 *
 * <p>Each stanza read gets a ticket, numbered in the order the server sent it; its hand-back moves {@code h} over
 * it once every earlier one is handled too. After {@code <resumed/>} the server sends again what followed the
 * {@code h} of our {@code <resume/>}, so numbering goes on from there (§5): a ticket below the highest one given
 * names a stanza already read — still being handled or done — and that copy is neither dispatched nor counted
 * again; its first copy's hand-back counts it.
 *
 * <p>Owned by the session verticle; not thread-safe.
 */
final class StreamManagement {

    static final String NAMESPACE = "urn:xmpp:sm:3";
    private static final long MODULUS = 1L << 32;

    /** What {@link #received(int)} answers for a resent copy of a stanza already read. */
    static final long COPY = -1;

    /** The ticket of a stanza the server does not count (read before stream management was enabled). */
    static final long UNCOUNTED = -2;

    /**
     * A stanza on its way, and the send request waiting for its fate ({@code null} for the session's own stanzas:
     * roster fetch, presence, keepalive pings). Its caller hears once, at the latest at its deadline; a stanza whose
     * caller was told it failed ({@link #abandoned()}) is never written again.
     */
    static final class Outgoing {
        private final OutboundStanza stanza;
        private final Message<OutboundStanza> request;
        private final long deadlineNanos;
        private boolean written;
        private boolean answered;
        private boolean abandoned;
        private long timer = -1;

        Outgoing(OutboundStanza stanza, Message<OutboundStanza> request, long deadlineNanos) {
            this.stanza = stanza;
            this.request = request;
            this.deadlineNanos = deadlineNanos;
        }

        OutboundStanza stanza() {
            return stanza;
        }

        Message<OutboundStanza> request() {
            return request;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        boolean expired(long now) {
            return request != null && now - deadlineNanos > 0;
        }

        /** Whether it was ever written, on this stream or an earlier one: it may have arrived. */
        boolean written() {
            return written;
        }

        void markWritten() {
            written = true;
        }

        /** Whether its caller already heard its fate. */
        boolean answered() {
            return answered;
        }

        /** Whether its caller was told it failed (its deadline passed, …): it must not go out any more. */
        boolean abandoned() {
            return abandoned;
        }

        /** Marks its caller answered, with a failure or not; the deadline timer to cancel, or -1. */
        long markAnswered(boolean failed) {
            answered = true;
            abandoned = failed;
            long pending = timer;
            timer = -1;
            return pending;
        }

        /** The timer that fails it at its deadline. */
        void deadlineTimer(long timer) {
            this.timer = timer;
        }
    }

    /** The server's {@code h} acknowledges stanzas the gateway never sent, or goes backwards (XEP-0198 §4). */
    static final class HandledCountException extends Exception {
        HandledCountException(String message) {
            super(message);
        }
    }

    private final int capacity;
    private final long capacityBytes;
    private long waitingBytes;
    private final ArrayDeque<Outgoing> unacked = new ArrayDeque<>();
    private final ArrayDeque<Outgoing> unsent = new ArrayDeque<>();
    private long acked;
    private long nextTicket;      // the ticket of the next stanza read
    private long readUpTo;        // one past the highest ticket given: below it, a ticket names a stanza already read
    private long epochStart;      // the first ticket of this stream management session
    private long handledTickets;  // handled without a gap since epochStart: h
    private long resumedFrom;     // handledTickets as sent in the last <resume h/>
    private long unhandledBytes;
    private final TreeSet<Long> handledOutOfOrder = new TreeSet<>();
    private final Set<Outgoing> suspects = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean enabled;
    private String resumeId;
    private String location;

    StreamManagement(int capacity, long capacityBytes) {
        this.capacity = capacity;
        this.capacityBytes = capacityBytes;
    }

    /** Whether the current stream acknowledges stanzas. */
    boolean enabled() {
        return enabled;
    }

    /** The id to resume the previous stream with, if the server allowed resumption. */
    Optional<String> resumeId() {
        return Optional.ofNullable(resumeId);
    }

    /** Where the server asked to be reconnected to for resumption ({@code location}), if anywhere. */
    Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** The inbound count to report in {@code <a h/>} and {@code <resume h/>}: stanzas handled without a gap. */
    long handled() {
        return handledTickets % MODULUS;
    }

    /**
     * A ticket for a stanza read, to {@link #handled(long, int) hand back} once it has been dispatched; or
     * {@link #COPY} if the server resent it after a resumption and it was read before.
     */
    long received(int wireBytes) {
        long ticket = nextTicket++;
        if (ticket < readUpTo) {
            return COPY;
        }
        readUpTo = nextTicket;
        unhandledBytes += wireBytes;
        return ticket;
    }

    /** {@code <a h/>}: what the gateway has handled, for the server. */
    Element acknowledgement() {
        return Element.builder("a", NAMESPACE).attribute("h", handled()).build();
    }

        /** The {@code h} for {@code <resume/>}: what follows it, the server sends again once resumed. */
    long resumeFrom() {
        resumedFrom = handledTickets;
        return handled();
    }

    /**
     * A stanza has been dispatched. The count the server sees only moves over stanzas all handled (XEP-0198 §4:
     * {@code h} says "everything up to here"), so one slow webhook holds back those after it.
     */
    void handled(long ticket, int wireBytes) {
        if (ticket < epochStart + handledTickets || !handledOutOfOrder.add(ticket)) {
            return; // of an earlier session, or already counted
        }
        unhandledBytes -= wireBytes;
        while (!handledOutOfOrder.isEmpty() && handledOutOfOrder.first() == epochStart + handledTickets) {
            handledOutOfOrder.pollFirst();
            handledTickets++;
        }
    }

    /**
     * Whether another stanza fits: fewer than {@code capacity} stanzas and {@code capacityBytes} bytes wait. Beyond,
     * sends fail at once instead of growing memory.
     */
    boolean hasRoom() {
        return waitingCount() < capacity && waitingBytes < capacityBytes;
    }

    int unackedCount() {
        return unacked.size();
    }

    /**
     * Inbound stanzas the server waits for us to acknowledge: read and not yet covered by {@code h}, whether still
     * being handled or handled after one that still is.
     */
    int unhandledCount() {
        return (int) (readUpTo - epochStart - handledTickets);
    }

    /** The bytes on the wire of those still being handled. */
    long unhandledBytes() {
        return unhandledBytes;
    }

    /** Stanzas written and not yet acknowledged, and those held for a stream. */
    int waitingCount() {
        return unacked.size() + unsent.size();
    }

    /** Holds a stanza until a stream is up. */
    void hold(Outgoing outgoing) {
        unsent.add(outgoing);
        waitingBytes += outgoing.stanza().wireBytes();
    }

    /** Records a stanza written on an acknowledging stream. */
    void written(Outgoing outgoing) {
        unacked.add(outgoing);
        waitingBytes += outgoing.stanza().wireBytes();
    }

    /**
     * {@code <enabled/>}: a new stream management session, counters from zero. Stanzas of the old one still being
     * handled keep their tickets, which the new session's never reuse.
     */
    void enable(String id, boolean resumable, String location) {
        enabled = true;
        acked = 0;
        nextTicket = readUpTo;
        epochStart = readUpTo;
        handledTickets = 0;
        handledOutOfOrder.clear();
        unhandledBytes = 0;
        this.resumeId = resumable ? id : null;
        this.location = location;
    }

    /**
     * {@code <resumed/>}: the same session goes on. The server resends from the {@code h} we resumed with, so
     * tickets are given again from there, and what was read before is recognised as a copy.
     */
    void resumed() {
        enabled = true;
        nextTicket = epochStart + resumedFrom;
    }

    /** The stream ended: stanzas stay, to be resumed or resent. */
    void streamEnded() {
        enabled = false;
    }

    /**
     * The server's {@code h}: removes and answers the stanzas it acknowledges.
     *
     * @throws HandledCountException {@code h} is not a count of stanzas sent since the last one
     */
    List<Outgoing> acknowledge(String h) throws HandledCountException {
        long count;
        try {
            count = Long.parseLong(h);
        } catch (NumberFormatException | NullPointerException e) {
            throw new HandledCountException("h='" + h + "' is not a number");
        }
        if (count < 0 || count >= MODULUS) {
            throw new HandledCountException("h=" + h + " is not a 32-bit count");
        }
        long newly = (count - acked + MODULUS) % MODULUS;
        if (newly > unacked.size()) {
            throw new HandledCountException("h=" + count + " acknowledges " + newly + " stanzas, but only "
                    + unacked.size() + " were sent since h=" + acked);
        }
        List<Outgoing> done = new ArrayList<>((int) newly);
        for (long i = 0; i < newly; i++) {
            Outgoing acknowledged = unacked.poll();
            suspects.remove(acknowledged);
            waitingBytes -= acknowledged.stanza().wireBytes();
            done.add(acknowledged);
        }
        acked = count;
        return done;
    }

    /**
     * Resumption failed or was not possible (XEP-0198 §5): the next stream starts afresh, and everything the server
     * did not acknowledge is sent again on it, before what waited, with the same ids.
     */
    void startOver() {
        resumeId = null;
        location = null;
        enabled = false;
        while (!unacked.isEmpty()) {
            unsent.addFirst(unacked.pollLast());
        }
    }

    /** What was written but not acknowledged, in order. */
    List<Outgoing> unacknowledged() {
        return List.copyOf(unacked);
    }

    /**
     * After {@code <resumed/>} and its {@code h}: what the server did not get, in order, to send again. Those whose
     * caller was told they failed (their deadline passed) are dropped instead — never sent after that; the server
     * never counted them, so the counts stay aligned.
     */
    List<Outgoing> toResend() {
        unacked.removeIf(outgoing -> {
            if (outgoing.abandoned()) {
                waitingBytes -= outgoing.stanza().wireBytes();
                suspects.remove(outgoing);
                return true;
            }
            return false;
        });
        return List.copyOf(unacked);
    }

    /** Takes the stanzas held while no stream was up, in order. */
    List<Outgoing> takeHeld() {
        List<Outgoing> held = List.copyOf(unsent);
        unsent.clear();
        held.forEach(outgoing -> waitingBytes -= outgoing.stanza().wireBytes());
        return held;
    }

    /**
     * Takes the next held stanza, to write (which counts it again) or to fail, if any. One whose caller was told it
     * failed is dropped, never written.
     */
    Optional<Outgoing> nextHeld() {
        Outgoing next;
        while ((next = unsent.poll()) != null) {
            waitingBytes -= next.stanza().wireBytes();
            if (!next.abandoned()) {
                return Optional.of(next);
            }
            suspects.remove(next);
        }
        return Optional.empty();
    }

    /** Drops a held stanza whose deadline passed, so it is never written; false if it is not held. */
    boolean dropHeld(Outgoing outgoing) {
        if (!unsent.removeFirstOccurrence(outgoing)) {
            return false;
        }
        waitingBytes -= outgoing.stanza().wireBytes();
        suspects.remove(outgoing);
        return true;
    }

    /**
     * Whether stanzas are being sent one at a time, each acknowledged before the next, to find the one the server
     * killed the stream over.
     */
    boolean isolating() {
        return !suspects.isEmpty();
    }

    /**
     * The server ended the stream over something it received. A stanza it kills the stream over a second time,
     * sent alone, is the culprit: it is returned, to be failed to its sender instead of resent forever. Otherwise
     * every unacknowledged stanza becomes a suspect, and they go again one at a time.
     */
    Optional<Outgoing> streamKilled() {
        if (suspects.size() > 0 && unacked.size() == 1 && suspects.contains(unacked.peek())) {
            Outgoing culprit = unacked.poll();
            suspects.remove(culprit);
            waitingBytes -= culprit.stanza().wireBytes();
            return Optional.of(culprit);
        }
        suspects.addAll(unacked);
        return Optional.empty();
    }
}
