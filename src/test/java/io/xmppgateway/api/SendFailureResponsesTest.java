package io.xmppgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.xmppgateway.bus.SendFailedException;
import io.xmppgateway.bus.SendFailure;

/** Every send outcome reaches the caller as its table row says, as JSON; the 503s say when to retry. */
class SendFailureResponsesTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    @Test
    void everyOutcomeIsAnsweredByItsRow() {
        for (SendFailure failure : SendFailure.values()) {
            Response response = mappers.sendFailed(new SendFailedException(failure, "the session's detail"));
            assertEquals(failure.httpStatus(), response.getStatus(), failure.name());
            ApiError body = (ApiError) response.getEntity();
            assertEquals(failure.errorCode(), body.error(), failure.name());
            assertEquals(failure.summary() + " (the session's detail)", body.message());
            Object retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            if (failure.httpStatus() == 503) {
                assertEquals(ApiExceptionMappers.RETRY_UNAVAILABLE_SECONDS, retryAfter, failure.name());
            } else {
                assertNull(retryAfter, failure.name());
            }
        }
    }
}
