package io.xmppgateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the gateway under test at the shared test {@link Ejabberd}, as its {@code component} transport. */
public class EjabberdComponentResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Ejabberd.shared().componentGatewayConfig();
    }

    @Override
    public void stop() {
        // The server is shared by the whole test run and stopped when the JVM exits.
    }
}
