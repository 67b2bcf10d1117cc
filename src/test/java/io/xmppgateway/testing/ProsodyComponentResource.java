package io.xmppgateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the gateway under test at the shared test {@link Prosody}, as its {@code component} transport. */
public class ProsodyComponentResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Prosody.shared().componentGatewayConfig();
    }

    @Override
    public void stop() {
        // The server is shared by the whole test run and stopped when the JVM exits.
    }
}
