package io.xmppgateway.stream;

import java.util.TreeSet;

import io.xmppgateway.stanza.Element;

/**
 * The inbound half of XEP-0198: how many stanzas the gateway has handled, for the {@code <a h/>} it owes the server.
 *
 * <p>Each stanza read gets a ticket, numbered in the order the server sent it; its hand-back moves {@code h} over
 * it once every earlier one is handled too (§4: {@code h} says "everything up to here"). After {@code <resumed/>}
 * the server sends again what followed the {@code h} of our {@code <resume/>}, so numbering goes on from there
 * (§5): a ticket below the highest one given names a stanza already read — still being handled or done — and that
 * copy is neither dispatched nor counted again; its first copy's hand-back counts it. A new stream management
 * session counts from zero, and never reuses a ticket of the old one still being handled.
 *
 * <p>Owned by the session verticle; not thread-safe.
 */
final class InboundCount {

    /** What {@link #received(int)} answers for a resent copy of a stanza already read. */
    static final long COPY = -1;

    /** The ticket of a stanza the server does not count (read before stream management was enabled). */
    static final long UNCOUNTED = -2;

    private long nextTicket;      // the ticket of the next stanza read
    private long readUpTo;        // one past the highest ticket given: below it, a ticket names a stanza already read
    private long epochStart;      // the first ticket of this stream management session
    private long handledTickets;  // handled without a gap since epochStart: h
    private long resumedFrom;     // handledTickets as sent in the last <resume h/>
    private long unhandledBytes;
    private final TreeSet<Long> handledOutOfOrder = new TreeSet<>();

    /** The inbound count to report in {@code <a h/>} and {@code <resume h/>}: stanzas handled without a gap. */
    long handled() {
        return handledTickets % StreamManagement.MODULUS;
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
        return StreamManagement.acknowledgement(handled());
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

    /** A new stream management session ({@code <enabled/>}): counting starts from zero, past every ticket given. */
    void restart() {
        nextTicket = readUpTo;
        epochStart = readUpTo;
        handledTickets = 0;
        handledOutOfOrder.clear();
        unhandledBytes = 0;
    }

    /** {@code <resumed/>}: tickets are given again from the {@code h} we resumed with. */
    void resumed() {
        nextTicket = epochStart + resumedFrom;
    }
}
