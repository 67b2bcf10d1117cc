package io.xmppgateway.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the HTTP status and the stable error code to answer with. */
public class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;

    public ApiException(Response.StatusType status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, code, message);
    }

    public Response.StatusType status() {
        return status;
    }

    public String code() {
        return code;
    }
}
