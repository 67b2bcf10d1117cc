package io.xmppgateway.store;

import java.util.List;
import java.util.Map;

import io.xmppgateway.testing.ProsodyProfile;
import io.xmppgateway.testing.RedisResource;

/** The gateway against the shared test Prosody, its state in the shared test Redis; ten invitations a day. */
public class RedisProfile extends ProsodyProfile {

    static final int INVITATIONS_PER_DAY = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.quota.invitations-per-day", Integer.toString(INVITATIONS_PER_DAY));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(super.testResources().get(0), new TestResourceEntry(RedisResource.class));
    }
}
