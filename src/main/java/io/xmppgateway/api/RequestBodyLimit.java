package io.xmppgateway.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.xmppgateway.config.GatewayConfig;

/**
 * App Engine's 1 MB per API call for a body sent without {@code Content-Length} (chunked): counted as it is read, and
 * refused with 413 {@code request_too_large} the moment it passes the limit. ({@link RequestSizeLimit} refuses a
 * declared length before reading, and closes the connection after either answer, so the rest is never read.)
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    /** Looked up at the first call: providers are made at static init, before the runtime configuration exists. */
    @Inject
    Instance<GatewayConfig> config;
    /** The limit once looked up (each lookup makes a new configuration object), 0 before. */
    private volatile long requestBytes;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = limit();
        context.setInputStream(new Counted(context.getInputStream(), limit));
        try {
            return context.proceed();
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof OverLimit) {
                    throw tooLarge(limit);
                }
            }
            throw e;
        }
    }

    private long limit() {
        long known = requestBytes;
        if (known == 0) {
            known = config.get().limits().requestBytes();
            requestBytes = known;
        }
        return known;
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                "the request is more than " + limit + " bytes; the limit is " + limit + " bytes per API call");
    }

    /** Thrown by {@link Counted} past the limit: an {@code IOException}, so that the JSON parser passes it on as is. */
    private static final class OverLimit extends IOException {
        OverLimit() {
            super("request body over the limit");
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
                throw new OverLimit();
            }
        }
    }
}
