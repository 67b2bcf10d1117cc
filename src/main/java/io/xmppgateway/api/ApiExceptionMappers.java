package io.xmppgateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.xmppgateway.bus.SendFailedException;
import io.xmppgateway.quota.MessageTooLargeException;
import io.xmppgateway.quota.QuotaExceededException;
import io.xmppgateway.store.StoreUnavailableException;

/** Every REST error becomes {@code {"error": code, "message": text}}; this is the one place that decides how. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    /** How long a caller should wait before retrying while the XMPP session is down (reconnects take seconds). */
    static final int RETRY_UNAVAILABLE_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response response = error(e.status().getStatusCode(), e.code(), e.getMessage());
        return e.status() == Response.Status.SERVICE_UNAVAILABLE
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_SECONDS).build()
                : response;
    }

    /** A send's fate, through its row of the outcome table ({@link io.xmppgateway.bus.SendFailure}). */
    @ServerExceptionMapper
    public Response sendFailed(SendFailedException e) {
        Response response = error(e.failure().httpStatus(), e.failure().errorCode(), e.getMessage());
        return e.failure().httpStatus() == 503
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_SECONDS).build()
                : response;
    }

    @ServerExceptionMapper
    public Response quota(QuotaExceededException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds() + (e.retryAfter().toNanosPart() > 0 ? 1 : 0));
        return Response.fromResponse(error(429, "quota_exceeded", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** The shared store cannot be asked: a call that must count toward a cap, or that has a key, does nothing. */
    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        return Response.fromResponse(error(503, "store_unavailable", "the gateway's shared store cannot be reached ("
                        + e.getMessage() + "); nothing was sent, retry later"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(MessageTooLargeException e) {
        return error(413, "message_too_large", e.getMessage() + "; nothing was sent");
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(RequestBodyLimit.OverLimit e) {
        return error(413, "request_too_large", e.getMessage());
    }

    /** More specific than Quarkus's own mapper for it, which answers an empty 400. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, "invalid_json", JsonErrors.describe(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        return error(status, code, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error answering an API call", e);
        return error(500, "internal_error", "the gateway failed to handle the request; see its log");
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
