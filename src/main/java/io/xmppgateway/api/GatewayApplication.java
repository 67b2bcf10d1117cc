package io.xmppgateway.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI description (served at {@code /q/openapi}, browsable at {@code /q/swagger-ui}). */
@OpenAPIDefinition(
        info = @Info(title = "XMPP Gateway", version = "1",
                description = "App Engine's XMPP service over HTTP: send messages, invitations and presence; query "
                        + "presence and quotas. Errors are {\"error\": code, \"message\": text}."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "One of gateway.api-keys")
public class GatewayApplication extends Application {
}
