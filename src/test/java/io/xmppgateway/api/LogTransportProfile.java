package io.xmppgateway.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.xmppgateway.testing.Api;

/**
 * The {@code log} transport (no XMPP server) with two API keys, for tests of the HTTP surface alone. The idle timeout
 * is short so that a connection sending its headers slowly is seen closed within a test.
 */
public class LogTransportProfile implements QuarkusTestProfile {

    /** The second API key, beside {@link Api#KEY}. */
    static final String OTHER_KEY = "other-key-2c9e";

    /** {@code quarkus.http.idle-timeout} in this profile, in seconds. */
    static final int IDLE_TIMEOUT_SECONDS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.api-keys", Api.KEY + "," + OTHER_KEY,
                "quarkus.http.idle-timeout", IDLE_TIMEOUT_SECONDS + "s");
    }
}
