package io.xmppgateway.xep0092;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.handler.IqHandler;
import io.xmppgateway.handler.OnGet;
import io.xmppgateway.stanza.Element;

/**
 * XEP-0092 Software Version: the gateway's name and version, from the build.
 *
 * <pre>{@code
 * <iq type='get' id='v1'><query xmlns='jabber:iq:version'/></iq>
 * <iq type='result' id='v1'><query xmlns='jabber:iq:version'><name>XMPP Gateway</name><version>0.1.0</version></query></iq>
 * }</pre>
 */
@ApplicationScoped
@IqHandler(namespace = VersionHandler.NAMESPACE)
public class VersionHandler {

    public static final String NAMESPACE = "jabber:iq:version";
    public static final String ELEMENT = "query";
    static final String NAME = "XMPP Gateway";

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @OnGet
    Uni<Element> version() {
        return Uni.createFrom().item(Element.builder(ELEMENT, NAMESPACE)
                .textChild("name", NAME)
                .textChild("version", version)
                .build());
    }
}
