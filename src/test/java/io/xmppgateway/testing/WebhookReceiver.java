package io.xmppgateway.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real HTTP server on loopback standing in for the app behind the webhooks. It records each request — path,
 * headers, raw body and the multipart fields, parsed here independently of the gateway — and answers with what the
 * current {@link #respondWith responder} says (204 by default).
 */
public final class WebhookReceiver {

    /** One request as received. */
    public record Request(String path, Map<String, String> headers, byte[] body, Map<String, String> fields) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static WebhookReceiver shared;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private volatile ToIntFunction<Request> responder = request -> 204;

    private WebhookReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            byte[] bytes = body.getBytes();
            Request recorded = new Request(request.path(), headers, bytes,
                    multipart(headers.getOrDefault("content-type", ""), bytes));
            int status = responder.applyAsInt(recorded);
            received.add(recorded);
            request.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static synchronized WebhookReceiver shared() {
        if (shared == null) {
            try {
                shared = new WebhookReceiver();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the webhook receiver", e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** How to answer from now on. */
    public void respondWith(ToIntFunction<Request> responder) {
        this.responder = responder;
    }

    /** Forgets what was received and answers 204 again. */
    public void reset() {
        received.clear();
        responder = request -> 204;
    }

    /** The next request, or {@code null} after {@code seconds}. */
    public Request next(double seconds) throws InterruptedException {
        return received.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** The next request to {@code path}, skipping others; {@code null} after {@code seconds}. */
    public Request next(String path, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Request request = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
            if (request != null && request.path().equals(path)) {
                return request;
            }
        }
        return null;
    }

    /** A minimal RFC 7578 reader: the name and text value of each part. */
    static Map<String, String> multipart(String contentType, byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return fields;
        }
        String boundary = "--" + contentType.substring(at + "boundary=".length()).replace("\"", "").strip();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String part : text.split(java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            int name = headers.indexOf("name=\"");
            if (name < 0) {
                continue;
            }
            String fieldName = headers.substring(name + 6, headers.indexOf('"', name + 6));
            String value = part.substring(headersEnd + 4);
            fields.put(fieldName, value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
        }
        return fields;
    }
}
