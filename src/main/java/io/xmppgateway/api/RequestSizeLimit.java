package io.xmppgateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xmppgateway.config.GatewayConfig;

/**
 * App Engine's 1 MB per API call, enforced from the {@code Content-Length} header before the body is read. A chunked
 * body without a length is counted as it is read by {@link RequestBodyLimit}. Either way a 413 closes the connection:
 * the rest of the body is never read.
 */
@ApplicationScoped
public class RequestSizeLimit {

    void install(@Observes Router router, GatewayConfig config) {
        long limit = config.limits().requestBytes();
        router.route("/v1/*").order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > limit) {
                refuse(context, 413, "request_too_large", "the request is " + length + " bytes; the limit is "
                        + limit + " bytes per API call");
                return;
            }
            // A body refused part-way (RequestBodyLimit) is not read to its end: the connection goes with it.
            context.addHeadersEndHandler(v -> {
                if (refusedPartWay(context)) {
                    context.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
            });
            context.addEndHandler(v -> {
                if (refusedPartWay(context) && context.request().version() != HttpVersion.HTTP_2) {
                    context.request().connection().close();
                }
            });
            context.next();
        });
    }

    /** Answers {@code status} with the error as JSON and closes the connection: what was not read is never read. */
    static void refuse(RoutingContext context, int status, String code, String message) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close");
        closeAfterResponse(context);
        context.response().end(new JsonObject().put("error", code).put("message", message).encode());
    }

    private static void closeAfterResponse(RoutingContext context) {
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.addEndHandler(v -> context.request().connection().close());
        }
    }

    private static boolean refusedPartWay(RoutingContext context) {
        return context.response().getStatusCode() == 413 && !context.request().isEnded();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
