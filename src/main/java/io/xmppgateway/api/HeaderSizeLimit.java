package io.xmppgateway.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.xmppgateway.config.GatewayConfig;

/**
 * {@code gateway.limits.header-bytes} on every request, answered 431 {@code headers_too_large} in JSON. Vert.x's own
 * limit ({@code quarkus.http.limits.max-header-size}) sits well above it: Vert.x refuses before any route runs, with
 * a bare 431, so it is only the backstop for header blocks no client means to send.
 */
@ApplicationScoped
public class HeaderSizeLimit {

    void install(@Observes Router router, GatewayConfig config) {
        int limit = config.limits().headerBytes();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            long size = 0;
            for (Map.Entry<String, String> header : context.request().headers()) {
                // As on the wire in HTTP/1.1: "name: value\r\n".
                size += header.getKey().length() + header.getValue().length() + 4;
            }
            if (size > limit) {
                RequestSizeLimit.refuse(context, 431, "headers_too_large", "the request's headers are " + size
                        + " bytes; the limit is " + limit + " bytes");
                return;
            }
            context.next();
        });
    }
}
