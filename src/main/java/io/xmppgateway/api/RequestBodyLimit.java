package io.xmppgateway.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.xmppgateway.config.GatewayConfig;

/**
 * App Engine's 1 MB per API call for a body sent without {@code Content-Length} (chunked): counted as it is read, and
 * refused with 413 {@code request_too_large} the moment it passes the limit. ({@link RequestSizeLimit} refuses a
 * declared length before reading, and closes the connection after either answer, so the rest is never read.)
 *
 * <p>A request filter that wraps the body's stream once RESTEasy has it, rather than a {@code ReaderInterceptor}:
 * while any reader interceptor exists, RESTEasy reads the body parameter's annotations by reflection on every call.
 */
public class RequestBodyLimit {

    private final long limit;

    RequestBodyLimit(GatewayConfig config) {
        this.limit = config.limits().requestBytes();
    }

    /**
     * Runs once the body's stream is there ({@code readBody}): a filter before that would make it a blocking one. Any
     * body but a GET's or a HEAD's (which RESTEasy does not read) is counted, with or without a {@code Content-Type}:
     * one without is still read as JSON.
     */
    @ServerRequestFilter(readBody = true)
    void count(ContainerRequestContext request) {
        String method = request.getMethod();
        if (request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null && !HttpMethod.GET.equals(method)
                && !HttpMethod.HEAD.equals(method)) {
            request.setEntityStream(new Counted(request.getEntityStream(), limit));
        }
    }

    /**
     * Thrown by {@link Counted} past the limit, and answered 413 by {@link ApiExceptionMappers}: an
     * {@code IOException}, so that the JSON parser passes it on as is.
     */
    static final class OverLimit extends IOException {
        OverLimit(long limit) {
            super("the request is more than " + limit + " bytes; the limit is " + limit + " bytes per API call");
        }
    }

    /** Fails once more than {@code limit} bytes have been read. */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws OverLimit {
            count += n;
            if (count > limit) {
                throw new OverLimit(limit);
            }
        }
    }
}
