package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;

import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * The one owner of reconnecting: when the next attempt is made, and where to. Every lost session and every failed
 * attempt goes through {@link #next(Throwable, long)}.
 *
 * <ul>
 * <li>The delay is the backoff's next one. Attempts that fail while the server is away grow it; once a session is
 * up they are forgotten, but each session lost in a row before it stayed up {@code xmpp.reconnect.stable-after}
 * doubles it like a failed attempt — a server that drops the gateway right after every login is backed off —
 * and a stable session starts it over.</li>
 * <li>A session lost {@code xmpp.reconnect.flapping-after} times in a row, each time before it became stable, is
 * {@link #flapping() flapping} until one stays up {@code stable-after}: it cannot be relied on even while it is up.
 * One loss, or a few, is a blip and is not.</li>
 * <li>{@code see-other-host} (RFC 6120 §4.9.3.19) is followed at once, before binding or after alike, up to
 * {@value #MAX_REDIRECTS} redirects in a row; past that it is ignored, and the configured server is tried again
 * after the backoff's delay. A session lost on the server redirected to is sought there again (it may be resumed
 * there); an attempt there that fails goes back to the configured server.</li>
 * <li>{@code <conflict/>} (§4.9.3.3: another session bound the gateway's resource) waits
 * {@code xmpp.reconnect.conflict-delay}: reconnecting at once would take the resource back, and the other client
 * would do the same.</li>
 * </ul>
 * Lives on the session's event loop.
 */
final class Reconnection {

    static final int MAX_REDIRECTS = 5;

    /**
     * The next attempt.
     *
     * @param delay  how long to wait first
     * @param reason what ended the last attempt or session, for the log and health
     */
    record Plan(Duration delay, String reason) {
    }

    private final Backoff backoff;
    private final Duration stableAfter;
    private final Duration conflictDelay;
    private final int flappingAfter;
    private final int defaultPort;
    private HostPort redirect;
    private int redirects;
    private int attempts;
    private int quickLosses;
    private long onlineSince;
    private boolean online;
    private boolean stable;

    Reconnection(Backoff backoff, Duration stableAfter, int flappingAfter, Duration conflictDelay, int defaultPort) {
        this.backoff = backoff;
        this.stableAfter = stableAfter;
        this.flappingAfter = flappingAfter;
        this.conflictDelay = conflictDelay;
        this.defaultPort = defaultPort;
    }

    /** An attempt starts: its number since the last stable session. */
    int attempt() {
        return ++attempts;
    }

    /** Where a redirect pointed, if the next attempt follows one. */
    Optional<HostPort> redirect() {
        return Optional.ofNullable(redirect);
    }

    /**
     * A session is up. The attempts that failed while the server was away are forgotten, but not the sessions lost
     * soon after login: each of those in a row doubles the next delay, as a failed attempt would — so a server that
     * drops the gateway after every login is backed off, and one restarted twice in a minute is not punished for
     * how long it took to come back the first time.
     */
    void online(long nanoTime) {
        online = true;
        stable = false;
        onlineSince = nanoTime;
        backoff.reset(quickLosses);
    }

    /**
     * The session came online {@code stable-after} ago and is still up (the session's timer says so): the backoff,
     * the attempts and the losses in a row start over.
     */
    void stable() {
        stable = online;
        backoff.reset();
        attempts = 0;
        redirects = 0;
        quickLosses = 0;
    }

    /**
     * Whether the session was lost {@code flapping-after} times in a row, each soon after it came online, and has
     * not stayed up {@code stable-after} since.
     */
    boolean flapping() {
        return quickLosses >= flappingAfter;
    }

    /** Sessions lost in a row, each before it became stable. */
    int quickLosses() {
        return quickLosses;
    }

    /** The attempt failed, or the session was lost, because of {@code cause} (null: the connection closed). */
    Plan next(Throwable cause, long nanoTime) {
        boolean sessionLost = online;
        if (online && !stable && nanoTime - onlineSince >= stableAfter.toNanos()) {
            stable();
        } else if (online && !stable) {
            quickLosses++;
        }
        online = false;
        String reason = describe(cause);
        if (cause instanceof StreamErrorException error) {
            if (error.condition() == StreamErrorCondition.SEE_OTHER_HOST) {
                Optional<HostPort> target = HostPort.parse(error.text(), defaultPort);
                if (target.isPresent() && redirects < MAX_REDIRECTS) {
                    redirects++;
                    redirect = target.get();
                    return new Plan(Duration.ZERO, reason);
                }
                redirect = null;
                return new Plan(backoff.next(), reason + (target.isPresent()
                        ? " (" + MAX_REDIRECTS + " redirects in a row: trying the configured server)"
                        : " (no usable address in the redirect)"));
            }
            if (error.condition() == StreamErrorCondition.CONFLICT) {
                redirect = null;
                redirects = 0;
                return new Plan(conflictDelay, reason);
            }
        }
        if (!sessionLost) {
            redirect = null; // the server redirected to could not be reached: back to the configured one
        }
        redirects = 0;
        return new Plan(backoff.next(), reason);
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "connection closed";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause instanceof StreamErrorException ? "stream error " + message : message;
    }
}
