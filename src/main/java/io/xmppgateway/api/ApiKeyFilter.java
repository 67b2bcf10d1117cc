package io.xmppgateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code Authorization: Bearer <key>} on every {@code /v1} call, against {@link ApiKeys}. */
public class ApiKeyFilter {

    @Inject
    ApiKeys keys;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1") || !keys.required()) {
            return null;
        }
        String presented = ApiKeys.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented != null && keys.accepts(presented)) {
            return null;
        }
        return Response.fromResponse(ApiExceptionMappers.error(401, "unauthorized",
                        "a valid API key is required: Authorization: Bearer <key>"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
