package io.xmppgateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.xmppgateway.stanza.Element;


/**
 * The XEP-0198 state of the gateway's session, kept across reconnects so that nothing written is forgotten before
 * the server acknowledged it. Outbound: the stanzas written and not yet acknowledged, in order, and those accepted
 * while no stream was up; the server's {@code h} acknowledges a prefix of them. Inbound: {@link InboundCount}.
 * Counters are 32-bit and wrap (XEP-0198 §4).
 *
 * <p>Owned by the session verticle; not thread-safe.
 */
final class StreamManagement {

    static final String NAMESPACE = "urn:xmpp:sm:3";
    static final long MODULUS = 1L << 32;

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
    private final InboundCount inbound = new InboundCount();
    private final Set<Outgoing> suspects = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean enabled;
    private String resumeId;
    private String location;

    StreamManagement(int capacity, long capacityBytes) {
        this.capacity = capacity;
        this.capacityBytes = capacityBytes;
    }

    /** {@code <a h/>}: {@code h} stanzas received are handled. */
    static Element acknowledgement(long h) {
        return Element.builder("a", NAMESPACE).attribute("h", h).build();
    }

    /** The inbound half: what the gateway has handled, for the {@code h} it owes the server. */
    InboundCount inbound() {
        return inbound;
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

    /**
     * Whether another stanza fits: fewer than {@code capacity} stanzas and {@code capacityBytes} bytes wait. Beyond,
     * sends fail at once instead of growing memory.
     */
    boolean hasRoom() {
        return waitingCount() < capacity && waitingBytes < capacityBytes;
    }

    /**
     * The stanzas written on the current stream so far, as the {@code h} that would acknowledge them all: what a
     * component's ping written now covers once answered.
     */
    long writtenOnStream() {
        return (acked + unacked.size()) % MODULUS;
    }

    int unackedCount() {
        return unacked.size();
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

    /** {@code <enabled/>}: a new stream management session, counters from zero. */
    void enable(String id, boolean resumable, String location) {
        enabled = true;
        acked = 0;
        inbound.restart();
        this.resumeId = resumable ? id : null;
        this.location = location;
    }

    /** {@code <resumed/>}: the same session goes on, and so does the inbound count (see {@link InboundCount}). */
    void resumed() {
        enabled = true;
        inbound.resumed();
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
