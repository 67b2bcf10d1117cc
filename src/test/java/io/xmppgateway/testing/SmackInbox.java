package io.xmppgateway.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/** What a Smack client receives that matches a filter, in arrival order. */
public final class SmackInbox<S extends Stanza> {

    private final BlockingQueue<S> received = new LinkedBlockingQueue<>();

    @SuppressWarnings("unchecked")
    public SmackInbox(XMPPTCPConnection connection, StanzaFilter filter) {
        connection.addAsyncStanzaListener(stanza -> received.add((S) stanza), filter);
    }

    /** The next stanza, or {@code null} after {@code timeout}. */
    public S next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public S next() throws InterruptedException {
        return next(Duration.ofSeconds(10));
    }
}
