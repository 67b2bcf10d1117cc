package io.xmppgateway.stream;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the XMPP session is doing, for the health check and for operators. Written by the session's event loop,
 * read from anywhere.
 */
@ApplicationScoped
public class SessionStatus {

    /** The session's lifecycle. */
    public enum State {
        /** The {@code log} transport: nothing to connect to. */
        LOG_ONLY,
        /** Connecting or negotiating. */
        CONNECTING,
        /**
         * Not connecting: another replica holds the lease on the component's one connection
         * ({@code xmpp.component.connections=one}); this one takes over when it gets the lease.
         */
        STANDBY,
        /** Bound and ready to send and receive. */
        ONLINE,
        /** Lost or failed to connect; a reconnection is scheduled. */
        DISCONNECTED,
        /** Stopped for good until the configuration changes (e.g. the password was refused). */
        FAILED,
        /** Not started, or shut down. */
        STOPPED
    }

    /**
     * An established session.
     *
     * @param jid           the full JID the server bound
     * @param saslMechanism how the gateway authenticated, e.g. {@code SCRAM-SHA-256}
     * @param tls           the TLS protocol protecting the stream, e.g. {@code TLSv1.3}
     */
    public record Session(String jid, String saslMechanism, Optional<String> tls) {
    }

    /**
     * @param state     the state
     * @param session   the session, while online
     * @param lastError why the last connection ended or failed; kept while flapping, even online
     * @param attempts  connection attempts since the last stable session (0 once online, unless flapping)
     * @param flapping  lost {@code xmpp.reconnect.flapping-after} times in a row, each soon after it came online,
     *                  and not stable since: not to be relied on, whatever the state
     * @param since     when the state began
     */
    public record Snapshot(State state, Optional<Session> session, Optional<String> lastError, int attempts,
                           boolean flapping, Instant since) {

        /** Whether the gateway can be relied on to send: online and not flapping, or the {@code log} transport. */
        public boolean ready() {
            return state == State.LOG_ONLY || state == State.ONLINE && !flapping;
        }
    }

    private volatile Snapshot current = new Snapshot(State.STOPPED, Optional.empty(), Optional.empty(), 0, false,
            Instant.now());
    private volatile int totalAttempts;
    private volatile int resumptions;
    private volatile int waiting;
    private volatile int unhandled;
    private volatile boolean active = true;
    private volatile Optional<String> activeReplica = Optional.empty();

    public Snapshot current() {
        return current;
    }

    /** Connection attempts since this process started. */
    public int totalAttempts() {
        return totalAttempts;
    }

    /** Streams resumed (XEP-0198 §5) rather than started afresh, since this process started. */
    public int resumptions() {
        return resumptions;
    }

    /**
     * Stanzas waiting for the server's acknowledgement or for a stream — what {@code xmpp.sm.max-unacked} bounds —
     * as sampled by the session once a second.
     */
    public int waiting() {
        return waiting;
    }

    /**
     * Inbound stanzas the server waits for the gateway to acknowledge — read, and not yet covered by {@code h}
     * because it or one before it is still being handled; what {@code xmpp.max-unhandled} bounds — as sampled by
     * the session once a second.
     */
    public int unhandled() {
        return unhandled;
    }

    /**
     * Whether this replica is the active one, which handles what is sent to the account's bare JID — presence and
     * subscriptions included (see {@code xmpp.lease}); true with one replica and with the {@code log} transport.
     */
    public boolean active() {
        return active;
    }

    /** The resource of the active replica, as this one last saw it in the store. */
    public Optional<String> activeReplica() {
        return activeReplica;
    }

    void role(boolean active, Optional<String> activeReplica) {
        this.active = active;
        this.activeReplica = activeReplica;
    }

    void sampled(int waiting, int unhandled) {
        this.waiting = waiting;
        this.unhandled = unhandled;
    }

    void logOnly() {
        set(State.LOG_ONLY, null, null, 0, false);
    }

    void connecting(int attempt) {
        totalAttempts++;
        set(State.CONNECTING, null, current.lastError().orElse(null), attempt, current.flapping());
    }

    /** Waiting for the lease on the component's one connection, which {@code holder} has. */
    void standby(Optional<String> holder) {
        role(false, holder);
        if (current.state() != State.STANDBY) {
            set(State.STANDBY, null, current.lastError().orElse(null), 0, false);
        }
    }

    /** Online; while flapping, why it flaps and how many attempts it took stay in view. */
    void online(Session session, boolean resumed) {
        if (resumed) {
            resumptions++;
        }
        Snapshot before = current;
        set(State.ONLINE, session, before.flapping() ? before.lastError().orElse(null) : null,
                before.flapping() ? before.attempts() : 0, before.flapping());
    }

    /** Lost, or the attempt failed; {@code flapping}: lost again and again soon after login ({@link Reconnection}). */
    void disconnected(String reason, boolean flapping) {
        set(State.DISCONNECTED, null, reason, current.attempts(), flapping);
    }

    /** The session stayed up {@code xmpp.reconnect.stable-after}: whatever happened before it is over. */
    void stable() {
        Snapshot before = current;
        if (before.state() == State.ONLINE) {
            current = new Snapshot(State.ONLINE, before.session(), Optional.empty(), 0, false, before.since());
        }
    }

    void failed(String reason) {
        set(State.FAILED, null, reason, current.attempts(), false);
    }

    void stopped() {
        set(State.STOPPED, null, current.lastError().orElse(null), 0, false);
    }

    private void set(State state, Session session, String error, int attempts, boolean flapping) {
        current = new Snapshot(state, Optional.ofNullable(session), Optional.ofNullable(error), attempts, flapping,
                Instant.now());
    }
}
