package io.xmppgateway.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test profile against the shared test Prosody; subclasses add their configuration overrides. */
public abstract class ProsodyProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProsodyResource.class));
    }
}
