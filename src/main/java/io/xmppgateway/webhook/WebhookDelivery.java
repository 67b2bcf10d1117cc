package io.xmppgateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.net.QuickAck;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.Backoff;

/**
 * POSTs inbound stanzas to the app in App Engine's layout ({@link WebhookForm}), signed per Standard Webhooks
 * ({@link WebhookSigner}). 2xx is success; timeouts, connection errors, 429 and 5xx are retried with exponential
 * backoff and jitter (a {@code Retry-After} is honoured), with the same {@code webhook-id} every time so the app can
 * drop duplicates, until the app accepts — or, if {@code gateway.webhook.max-attempts} is set, until that many
 * attempts failed; other 4xx are not retried. A delivery given up on is dead-lettered: logged and counted. Each
 * sender's stanzas are delivered one at a time, in order; at most {@code max-in-flight} POSTs run at once. What
 * waits is bounded by the session, which stops reading from the server at {@code xmpp.max-unhandled}.
 *
 * <p>Used from the dispatcher's event loop only, so its queues need no locking; nothing here blocks.
 */
@Startup // its HTTP client belongs to the application: made lazily on an event loop, it would close with that verticle
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    });

    /** One stanza on its way to the app. */
    private static final class Delivery {
        final String id;
        final String sender;
        final WebhookForm form;
        final WebhookForm.Encoded encoded;
        final Backoff backoff;
        final Promise<Void> settled = Promise.promise();
        int attempts;

        Delivery(String id, String sender, WebhookForm form, Backoff backoff) {
            this.id = id;
            this.sender = sender;
            this.form = form;
            this.encoded = form.encode();
            this.backoff = backoff;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    private GatewayConfig.Webhook webhook;
    private HttpClient http;
    private Optional<WebhookSigner> signer = Optional.empty();
    private final Map<String, ArrayDeque<Delivery>> queues = new HashMap<>();
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private int inFlight;
    private final AtomicLong deadLettered = new AtomicLong();

    @PostConstruct
    void init() {
        webhook = config.webhook();
        for (String type : webhook.messageTypes()) {
            if (!WebhookForm.isMessageType(type)) {
                throw new IllegalStateException("gateway.webhook.message-types: '" + type
                        + "' is not a message type (chat, normal, headline, groupchat, error)");
            }
        }
        signer = webhook.secret().filter(secret -> !secret.isBlank()).map(WebhookSigner::new);
        if (webhook.url().isPresent()) {
            http = vertx.httpClientBuilder()
                    .with(new HttpClientOptions()
                            .setConnectTimeout((int) webhook.timeout().toMillis())
                            .setMaxPoolSize(webhook.maxInFlight()))
                    .withConnectHandler(connection -> {
                        if (webhook.quickAck()) {
                            QuickAck.install(connection);
                        }
                    })
                    .build();
            if (signer.isEmpty()) {
                LOG.warn("gateway.webhook.secret is not set: webhooks are sent unsigned");
            }
        }
    }

    /** Whether webhooks are configured. */
    public boolean enabled() {
        return http != null;
    }

    /**
     * Senders with a delivery queued or on its way (for tests): a sender with none has no queue, and only a sender
     * with a queue waits for a slot.
     */
    int senders() {
        return queues.size();
    }

    /** Deliveries given up on since startup. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /**
     * Queues the stanza for its webhook, if it has one.
     *
     * @return completes once the app accepted it or it was dead-lettered (at once when it has no webhook)
     */
    public Future<Void> offer(Stanza stanza) {
        if (!enabled()) {
            return Future.succeededFuture();
        }
        Optional<WebhookForm> form = WebhookForm.of(stanza, webhook.services(), webhook.messageTypes());
        if (form.isEmpty()) {
            return Future.succeededFuture();
        }
        String sender = stanza.from().map(jid -> jid.bare().toString()).orElse("");
        Delivery delivery = new Delivery(webhookId(stanza, form.get().path()), sender, form.get(),
                new Backoff(webhook.initialBackoff(), webhook.maxBackoff(), 2.0, 0.5, ThreadLocalRandom.current()));
        ArrayDeque<Delivery> queue = queues.computeIfAbsent(sender, s -> new ArrayDeque<>());
        queue.add(delivery);
        if (queue.size() == 1) {
            schedule(sender);
        }
        return delivery.settled.future();
    }

    /**
     * The {@code webhook-id}: derived from the stanza when it has a sender and an id — the same stanza delivered
     * again (resent by the server after a reconnection, or handled by another replica) carries the same one, so the
     * app can drop the copy — else random. Senders reuse ids only by mistake; the dispatcher already takes a repeated
     * (sender, id) for a copy. A contact's available or unavailable presence is random too: its server repeats it,
     * id and all, on every probe, and each repeat is news the app must not drop as a copy.
     */
    static String webhookId(Stanza stanza, String path) {
        if (stanza.from().isEmpty() || stanza.id().isEmpty()
                || stanza instanceof Presence presence && presence.isBroadcast()) {
            return "msg_" + StanzaIds.next();
        }
        MessageDigest sha256 = SHA256.get();
        sha256.update(stanza.from().get().toString().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(stanza.id().get().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(path.getBytes(StandardCharsets.UTF_8));
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
    }

    private void schedule(String sender) {
        if (inFlight < webhook.maxInFlight()) {
            inFlight++;
            attempt(queues.get(sender).peek());
        } else {
            waiting.add(sender);
        }
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(webhook.url().orElseThrow().replaceAll("/+$", "") + delivery.form.path())
                .setTimeout(webhook.timeout().toMillis())
                .putHeader("content-type", delivery.encoded.contentType())
                .putHeader("webhook-id", delivery.id)
                .putHeader("webhook-timestamp", Long.toString(timestamp));
        signer.ifPresent(s -> request.putHeader("webhook-signature", s.sign(delivery.id, timestamp,
                delivery.encoded.body())));
        Future<HttpClientRequest> requested;
        try {
            requested = http.request(request);
        } catch (RuntimeException e) { // the client is closed: a failed attempt like any other, not a lost stanza
            requested = Future.failedFuture(e);
        }
        requested.compose(r -> r.send(delivery.encoded.body()))
                .compose(response -> response.body().map(body -> response))
                .onSuccess(response -> answered(delivery, response))
                .onFailure(failure -> retryOrGiveUp(delivery, "request failed: " + failure.getMessage(),
                        Optional.empty()));
    }

    private void answered(Delivery delivery, HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            delivery.settled.tryComplete();
            done(delivery);
        } else if (status == 429 || status >= 500) {
            retryOrGiveUp(delivery, "HTTP " + status, retryAfter(response.getHeader("retry-after")));
        } else {
            deadLetter(delivery, "HTTP " + status + " (not retried)");
            done(delivery);
        }
    }

    private void retryOrGiveUp(Delivery delivery, String reason, Optional<Duration> retryAfter) {
        if (webhook.maxAttempts().isPresent() && delivery.attempts >= webhook.maxAttempts().getAsInt()) {
            deadLetter(delivery, reason + " after " + delivery.attempts + " attempts");
            done(delivery);
            return;
        }
        Duration delay = retryAfter.orElseGet(delivery.backoff::next);
        LOG.debugf("Webhook %s to %s: %s; retrying in %d ms", delivery.id, delivery.form.path(), reason,
                delay.toMillis());
        vertx.setTimer(Math.max(1, delay.toMillis()), t -> attempt(delivery));
    }

    private void done(Delivery delivery) {
        ArrayDeque<Delivery> queue = queues.get(delivery.sender);
        queue.poll();
        if (queue.isEmpty()) {
            queues.remove(delivery.sender);
            inFlight--;
            if (!waiting.isEmpty()) {
                schedule(waiting.poll());
            }
        } else {
            attempt(queue.peek());
        }
    }

    private void deadLetter(Delivery delivery, String reason) {
        deadLettered.incrementAndGet();
        delivery.settled.tryComplete();
        LOG.warnf("Webhook %s dead-lettered: %s %s from %s: %s", delivery.id, delivery.form.path(),
                delivery.form.fields().get("stanza"), delivery.sender, reason);
    }

    /** {@code Retry-After}: seconds or an HTTP date (RFC 9110 §10.2.3). */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration delay = Duration.ofSeconds(Long.parseLong(header.strip()));
            return Optional.of(delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(
                        Locale.ROOT)).toInstant();
                Duration delay = Duration.between(Instant.now(), at);
                return Optional.of(delay.isNegative() ? Duration.ZERO
                        : delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }
}
