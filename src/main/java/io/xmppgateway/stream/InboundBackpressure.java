package io.xmppgateway.stream;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Stops reading from the server while too much of what it sent waits to be handled ({@code xmpp.max-unhandled}
 * stanzas or {@code xmpp.max-unhandled-bytes} bytes), and reads again once both are down to half. What is not read waits at the server, in its buffers and TCP's,
 * instead of in the gateway's memory. Lives on the session's event loop.
 */
final class InboundBackpressure {

    private static final Logger LOG = Logger.getLogger(InboundBackpressure.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final long maxBytes;
    private final Runnable pause;
    private final Runnable resume;
    private boolean paused;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    InboundBackpressure(int max, long maxBytes, Runnable pause, Runnable resume) {
        this.max = max;
        this.maxBytes = maxBytes;
        this.pause = pause;
        this.resume = resume;
    }

    /** A stanza was read; {@code unhandled} stanzas of {@code bytes} bytes are waiting now. */
    void received(int unhandled, long bytes) {
        if (!paused && (unhandled >= max || bytes >= maxBytes)) {
            paused = true;
            pause.run();
            long now = System.nanoTime();
            if (now - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = now;
                LOG.warnf("%d inbound stanzas (%d bytes) wait for handlers and webhooks (xmpp.max-unhandled, "
                        + "xmpp.max-unhandled-bytes): reading from the server paused until half are handled (said at "
                        + "most once a minute)", unhandled, bytes);
            }
        }
    }

    /** A stanza was handled; {@code unhandled} stanzas of {@code bytes} bytes are still waiting. */
    void handled(int unhandled, long bytes) {
        if (paused && unhandled <= max / 2 && bytes <= maxBytes / 2) {
            paused = false;
            resume.run();
            LOG.debugf("%d inbound stanzas wait: reading from the server again", unhandled);
        }
    }

    /**
     * Reads again whatever waits: at shutdown, so that the server's last acknowledgements can be read. What is read
     * then is handed on as usual, and acknowledged at close if it was handed back by then; else the server keeps it.
     */
    void release() {
        if (paused) {
            paused = false;
            resume.run();
        }
    }

    /** The connection is gone: the next one starts reading. */
    void reset() {
        paused = false;
    }
}
