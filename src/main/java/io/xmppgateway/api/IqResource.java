package io.xmppgateway.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.dispatch.IqClient;
import io.xmppgateway.handler.IqErrorException;
import io.xmppgateway.handler.IqTimeoutException;
import io.xmppgateway.quota.Meter;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.InvalidXmlException;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.XmlFragment;
import io.xmppgateway.stanza.XmlWriter;

/**
 * {@code /v1/iq}: slixmpp's {@code iq.send()} over HTTP. The IQ's deadline is its {@code timeoutMs}: an IQ not sent
 * by then fails with its send outcome (503 while there is no session, from the outcome table) and is never sent
 * later; only one that went out and got no answer is 504 {@code iq_timeout}.
 */
@Path("/v1/iq")
@Tag(name = "IQ")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IqResource {

    /** The longest wait a call may ask for: under {@code quarkus.http.idle-timeout} (60 s), which would cut it. */
    static final long MAX_TIMEOUT_MS = 55_000;

    @Inject
    IqClient iqClient;

    @Inject
    QuotaFilter quota;

    @Inject
    GatewayConfig config;

    @POST
    @Operation(summary = "Send an IQ request and wait for its answer")
    @RequestBody(content = @Content(examples = @ExampleObject(value = "{\"to\": \"juliet@example.org/balcony\", "
            + "\"type\": \"get\", \"payload\": \"<query xmlns='jabber:iq:version'/>\", \"timeoutMs\": 5000}")))
    @APIResponse(responseCode = "200", description = "The result", content = @Content(examples = @ExampleObject(
            value = "{\"from\": \"juliet@example.org/balcony\", \"payload\": \"<query xmlns='jabber:iq:version'>"
                    + "<name>Smack</name></query>\"}")))
    @APIResponse(responseCode = "502", description = "The peer answered with a stanza error (iq_error); or the XMPP "
            + "server ended the stream over the request twice (stanza_rejected)")
    @APIResponse(responseCode = "503", description = "Not sent: no XMPP session came up before the IQ's deadline "
            + "(timeoutMs), or the gateway cannot send at all (xmpp_unavailable); too many stanzas or IQs wait "
            + "(queue_full). The IQ is never sent later; Retry-After says when to retry")
    @APIResponse(responseCode = "504", description = "The request went out and no answer came within timeoutMs "
            + "(iq_timeout)")
    public Uni<Response> send(IqRequest request) {
        if (request == null || request.type() == null) {
            throw ApiException.badRequest("invalid_iq_type", "'type' must be get or set");
        }
        IqType type = IqType.fromWire(request.type().toLowerCase(Locale.ROOT)).filter(IqType::isRequest)
                .orElseThrow(() -> ApiException.badRequest("invalid_iq_type", "'type' must be get or set"));
        if (request.timeoutMs() != null && (request.timeoutMs() < 1 || request.timeoutMs() > MAX_TIMEOUT_MS)) {
            throw ApiException.badRequest("invalid_timeout", "'timeoutMs' must be 1 to " + MAX_TIMEOUT_MS
                    + ": the HTTP connection's idle timeout would end a longer wait");
        }
        if (request.payload() == null || request.payload().isBlank()) {
            throw ApiException.badRequest("no_payload", "'payload' must hold the request's payload element");
        }
        Element payload;
        try {
            payload = XmlFragment.parseElement(request.payload(), (int) Math.min(Integer.MAX_VALUE,
                    config.limits().requestBytes()));
        } catch (InvalidXmlException e) {
            throw ApiException.badRequest("invalid_xml", "'payload': " + e.getMessage());
        }
        Iq.Builder iq = Iq.builder(type).child(payload);
        if (request.to() != null) {
            iq.to(Recipients.required("to", request.to()));
        }
        Uni<Iq> answer = quota.consume(Map.of(Meter.API_CALLS, 1L)).chain(() -> request.timeoutMs() == null
                ? iqClient.send(iq.build()) : iqClient.send(iq.build(), Duration.ofMillis(request.timeoutMs())));
        return answer
                .map(result -> Response.ok(new IqResponse(result.element().attribute("from"),
                        result.payload().map(p -> XmlWriter.write(p)).orElse(null))).build())
                .onFailure(IqErrorException.class).recoverWithItem(e -> {
                    IqErrorException error = (IqErrorException) e;
                    return Response.status(502).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(new IqErrorResponse("iq_error", error.getMessage(),
                                    error.condition().wireName(), error.type().wireName(),
                                    error.error().text().orElse(null)))
                            .build();
                })
                .onFailure(IqTimeoutException.class).recoverWithItem(e ->
                        ApiExceptionMappers.error(504, "iq_timeout", e.getMessage()));
    }
}
