package io.xmppgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.xmppgateway.config.GatewayConfig;

/**
 * App Engine's 1 MB per API call, enforced from the {@code Content-Length} header before the body is read. A chunked
 * body without a length is held to the same limit by {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class RequestSizeLimit {

    void install(@Observes Router router, GatewayConfig config) {
        long limit = config.limits().requestBytes();
        router.route("/v1/*").order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > limit) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(new JsonObject()
                                .put("error", "request_too_large")
                                .put("message", "the request is " + length + " bytes; the limit is " + limit
                                        + " bytes per API call")
                                .encode());
                return;
            }
            context.next();
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
