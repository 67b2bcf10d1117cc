package io.xmppgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.xmppgateway.testing.Api;

/**
 * The limits Vert.x and Quarkus enforce before the resources run answer in JSON too, seen by real clients on the
 * real server: a chunked body over 1 MiB, a header block over {@code gateway.limits.header-bytes}; and a connection
 * that sends its headers slowly is closed.
 */
@QuarkusTest
@TestProfile(LogTransportProfile.class)
class HttpLimitsTest {

    private static final int MAX_REQUEST_BYTES = 1_048_576;

    @TestHTTPResource("/v1/messages")
    URI messages;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aChunkedBodyOfExactly1MiBIsRead() throws Exception {
        HttpResponse<String> response = postChunked(paddedMessage(MAX_REQUEST_BYTES));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aChunkedBodyOver1MiBIs413InJson() throws Exception {
        HttpResponse<String> response = postChunked(paddedMessage(MAX_REQUEST_BYTES + 1));
        assertEquals(413, response.statusCode(), response.body());
        assertJsonError(response, "request_too_large");
    }

    @Test
    void aChunkedBodyOver1MiBWithoutAContentTypeIs413InJson() throws Exception {
        // Read as JSON all the same: the limit must not depend on the header.
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(messages)
                        .header("Authorization", "Bearer " + Api.KEY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(paddedMessage(MAX_REQUEST_BYTES + 1))))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertJsonError(response, "request_too_large");
    }

    @Test
    void a64KiBAuthorizationHeaderIs431InJson() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(messages)
                        .header("Authorization", "Bearer " + "k".repeat(64 * 1024))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"a@localhost\", \"body\": \"x\"}"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(431, response.statusCode(), response.body());
        assertJsonError(response, "headers_too_large");
    }

    @Test
    void aHeaderBlockOfExactlyTheLimitIsLetThroughAndOneByteMoreIsNot() throws Exception {
        int limit = 20_480;
        assertTrue(rawStatusWithHeaderBlockOf(limit).startsWith("HTTP/1.1 401"), "exactly the limit: past it");
        String over = rawStatusWithHeaderBlockOf(limit + 1);
        assertTrue(over.startsWith("HTTP/1.1 431"), over);
        assertTrue(over.contains("\"error\":\"headers_too_large\""), over);
    }

    @Test
    void aConnectionSendingItsHeadersSlowlyIsClosed() throws Exception {
        try (Socket socket = new Socket(messages.getHost(), messages.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long lastByte = System.nanoTime();
            long bound = TimeUnit.SECONDS.toMillis(LogTransportProfile.IDLE_TIMEOUT_SECONDS + 3);
            socket.setSoTimeout((int) bound);
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was still open " + bound + " ms after its last byte", e);
            } catch (SocketException reset) {
                read = -1;
            }
            long openFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastByte);
            assertEquals(-1, read, "closed without an answer");
            assertTrue(openFor >= TimeUnit.SECONDS.toMillis(LogTransportProfile.IDLE_TIMEOUT_SECONDS) - 100,
                    "closed by the timeout, not at once: " + openFor + " ms");
        }
    }

    /** A valid message of exactly {@code bytes}, padded by a field the endpoint ignores, read before the rest. */
    private static byte[] paddedMessage(int bytes) {
        String head = "{\"padding\": \"";
        String tail = "\", \"to\": \"a@localhost\", \"body\": \"x\"}";
        return (head + "p".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> postChunked(byte[] body) throws IOException, InterruptedException {
        // An InputStream of unknown length is sent with Transfer-Encoding: chunked, no Content-Length.
        return client.send(HttpRequest.newBuilder(messages)
                        .header("Authorization", "Bearer " + Api.KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a GET whose header lines (name, ": ", value and CRLF each) add up to exactly {@code bytes}, without a
     * key, and returns the response as text.
     */
    private String rawStatusWithHeaderBlockOf(int bytes) throws IOException {
        String host = "Host: localhost\r\n";
        String padding = "X-Padding: ";
        String value = "p".repeat(bytes - host.length() - padding.length() - 2);
        String request = "GET /v1/quota HTTP/1.1\r\n" + host + padding + value + "\r\nConnection: close\r\n\r\n";
        // "Connection: close" is counted too: take it off the padding.
        request = request.replace(padding + value, padding + value.substring("Connection: close\r\n".length()));
        try (Socket socket = new Socket(messages.getHost(), messages.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(HttpResponse<String> response, String code) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        JsonObject error = new JsonObject(response.body());
        assertEquals(code, error.getString("error"), response.body());
        assertTrue(error.getString("message") != null && !error.getString("message").isBlank(), response.body());
    }
}
