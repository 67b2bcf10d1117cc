package io.xmppgateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.xmppgateway.stream.SessionStatus;

/**
 * Ready while the gateway can send: its XMPP session is online (or it runs the {@code log} transport) and not
 * flapping — lost again and again soon after login ({@code xmpp.reconnect.flapping-after}), which would take
 * traffic only to drop it; state {@code flapping} says so until a session stays up
 * {@code xmpp.reconnect.stable-after}. The data says what the session is doing and why it last failed, never the
 * password; and whether this replica is the active one ({@code role}, {@code activeReplica}).
 */
@Readiness
@ApplicationScoped
public class XmppSessionHealthCheck implements HealthCheck {

    private final SessionStatus status;

    @Inject
    public XmppSessionHealthCheck(SessionStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        SessionStatus.Snapshot session = status.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("xmpp-session")
                .status(session.ready())
                .withData("state", session.flapping() ? "flapping" : session.state().name().toLowerCase())
                .withData("since", session.since().toString());
        if (session.flapping()) {
            // What it is doing right now, behind the flapping.
            response.withData("session", session.state().name().toLowerCase());
        }
        session.session().ifPresent(online -> {
            response.withData("jid", online.jid()).withData("sasl", online.saslMechanism());
            online.tls().ifPresent(tls -> response.withData("tls", tls));
        });
        // Which replica receives what is sent to the bare JID (xmpp.lease): this one, or the one named.
        response.withData("role", status.active() ? "active" : "standby");
        status.activeReplica().ifPresent(replica -> response.withData("activeReplica", replica));
        session.lastError().ifPresent(error -> response.withData("lastError", error));
        if (session.attempts() > 0) {
            response.withData("attempts", session.attempts());
        }
        return response.build();
    }
}
