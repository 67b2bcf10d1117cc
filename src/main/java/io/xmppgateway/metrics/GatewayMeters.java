package io.xmppgateway.metrics;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xmppgateway.dispatch.Dispatcher;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.quota.QuotaStatus;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.webhook.WebhookDelivery;

/**
 * The gateway's own meters over state its parts keep anyway, read when the registry is scraped ({@code /q/metrics}).
 * Stanzas by outcome and by kind are counted where they pass: {@code gateway.sends} and {@code gateway.inbound}.
 */
@Singleton
public class GatewayMeters implements MeterBinder {

    @Inject
    SessionStatus session;

    @Inject
    Dispatcher dispatcher;

    @Inject
    WebhookDelivery webhooks;

    @Inject
    QuotaFilter quota;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("xmpp.session.online", session,
                        s -> s.current().state() == SessionStatus.State.ONLINE ? 1 : 0)
                .description("1 while the XMPP session is bound and ready, else 0").register(registry);
        Gauge.builder("xmpp.session.active", session, s -> s.active() ? 1 : 0)
                .description("1 while this replica is the active one, which receives what is sent to the bare JID "
                        + "(xmpp.lease); 0 while it stands by")
                .register(registry);
        Gauge.builder("xmpp.session.flapping", session, s -> s.current().flapping() ? 1 : 0)
                .description("1 while the XMPP session is lost again and again soon after login (readiness DOWN "
                        + "until one stays up xmpp.reconnect.stable-after), else 0").register(registry);
        FunctionCounter.builder("xmpp.session.connection.attempts", session, SessionStatus::totalAttempts)
                .description("Connections to the XMPP server attempted since startup").register(registry);
        Gauge.builder("xmpp.sm.waiting", session, SessionStatus::waiting)
                .description("Stanzas waiting for the server's acknowledgement or for a stream (bounded by "
                        + "xmpp.sm.max-unacked)").register(registry);
        Gauge.builder("xmpp.inbound.unhandled", session, SessionStatus::unhandled)
                .description("Inbound stanzas read and not yet handled (bounded by xmpp.max-unhandled)")
                .register(registry);
        FunctionCounter.builder("gateway.inbound.oversized", dispatcher, Dispatcher::oversizedCount)
                .description("Inbound stanzas refused for their size (policy-violation)").register(registry);
        FunctionCounter.builder("gateway.webhook.dead.letters", webhooks, WebhookDelivery::deadLettered)
                .description("Webhook deliveries given up on").register(registry);
        for (Meter meter : Meter.values()) {
            Gauge.builder("gateway.quota.used", quota, q -> status(q, meter).used())
                    .description("Today's use of a daily quota").tag("meter", meter.apiName()).register(registry);
            Gauge.builder("gateway.quota.limit", quota, q -> status(q, meter).limit().orElse(-1))
                    .description("A daily quota's cap, -1 when uncapped").tag("meter", meter.apiName())
                    .register(registry);
        }
    }

    private static QuotaStatus status(QuotaFilter quota, Meter meter) {
        return quota.lastKnownStatus().stream().filter(status -> status.meter() == meter).findFirst().orElseThrow();
    }
}
