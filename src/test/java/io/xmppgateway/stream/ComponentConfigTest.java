package io.xmppgateway.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.testing.TestConfigs;

/** {@code xmpp.transport=component}: what it needs, its defaults, and plaintext only where it cannot be read. */
class ComponentConfigTest {

    @Test
    void defaultsFollowTheDomain() {
        ComponentAddresses addresses = TransportLauncher.validateComponentConfig(config(Map.of()));
        assertEquals(Jid.of("app.example.org"), addresses.domain());
        assertEquals(Jid.of("app@app.example.org/bot"), addresses.defaultSender());
        assertEquals(Jid.of("example.org"), addresses.serverDomain());
        assertTrue(addresses.contains(Jid.of("news@app.example.org/x")));
        assertTrue(!addresses.contains(Jid.of("news@example.org")));
    }

    @Test
    void oneReplicaConnectsByDefaultAndAllWhenAskedAnythingElseIsRefused() {
        assertEquals(XmppConfig.Component.Connections.ONE, config(Map.of()).component().connections());
        assertEquals(XmppConfig.Component.Connections.ALL,
                config(Map.of("xmpp.component.connections", "all")).component().connections());
        assertThrows(RuntimeException.class,
                () -> config(Map.of("xmpp.component.connections", "some")).component().connections());
    }

    @Test
    void aBareDefaultSenderGetsTheResource() {
        assertEquals(Jid.of("news@app.example.org/bot"), TransportLauncher.validateComponentConfig(
                config(Map.of("xmpp.component.default-sender", "news@app.example.org"))).defaultSender());
    }

    @Test
    void aDefaultSenderOutsideTheDomainIsRefused() {
        refused(Map.of("xmpp.component.default-sender", "news@example.org"), "xmpp.component.default-sender");
    }

    @Test
    void theDomainAndTheSecretAreRequired() {
        Map<String, String> noDomain = new HashMap<>(base());
        noDomain.remove("xmpp.component.domain");
        assertThat(assertThrows(IllegalStateException.class, () -> TransportLauncher.validateComponentConfig(
                TestConfigs.mapping(XmppConfig.class, noDomain))).getMessage(),
                containsString("xmpp.component.domain"));
        Map<String, String> noSecret = new HashMap<>(base());
        noSecret.remove("xmpp.component.secret");
        assertThat(assertThrows(IllegalStateException.class, () -> TransportLauncher.validateComponentConfig(
                TestConfigs.mapping(XmppConfig.class, noSecret))).getMessage(),
                containsString("xmpp.component.secret"));
    }

    @Test
    void plaintextToAnotherHostIsRefusedUnlessAskedFor() {
        refused(Map.of("xmpp.host", "xmpp.example.org"), "xmpp.tls=none");
        refused(Map.of("xmpp.host", "10.0.0.7"), "xmpp.tls=none");
        TransportLauncher.validateComponentConfig(config(Map.of("xmpp.host", "xmpp.example.org", "xmpp.tls", "none")));
        TransportLauncher.validateComponentConfig(config(Map.of("xmpp.host", "xmpp.example.org", "xmpp.tls",
                "direct")));
        TransportLauncher.validateComponentConfig(config(Map.of("xmpp.host", "127.0.0.1")));
        TransportLauncher.validateComponentConfig(config(Map.of("xmpp.host", "::1")));
        TransportLauncher.validateComponentConfig(config(Map.of("xmpp.host", "localhost")));
    }

    private static void refused(Map<String, String> overrides, String saying) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TransportLauncher.validateComponentConfig(config(overrides)));
        assertThat(e.getMessage(), containsString(saying));
    }

    private static XmppConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(base());
        properties.putAll(overrides);
        return TestConfigs.mapping(XmppConfig.class, properties);
    }

    private static Map<String, String> base() {
        return Map.of("xmpp.transport", "component", "xmpp.component.domain", "app.example.org",
                "xmpp.component.secret", "s3cret", "xmpp.host", "127.0.0.1", "xmpp.port", "5347");
    }
}
