package io.xmppgateway.api;

/**
 * The body of every error response.
 *
 * @param error   a stable, machine-readable code, e.g. {@code invalid_json}
 * @param message what went wrong, for humans
 */
public record ApiError(String error, String message) {
}
