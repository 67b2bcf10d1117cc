package io.xmppgateway.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test profile against the shared test ejabberd; subclasses add their configuration overrides. */
public abstract class EjabberdProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EjabberdResource.class));
    }
}
