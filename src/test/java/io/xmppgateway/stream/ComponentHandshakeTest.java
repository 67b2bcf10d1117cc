package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The handshake's digest (XEP-0114 §3), against values computed with {@code sha1sum}. */
class ComponentHandshakeTest {

    @Test
    void isTheLowercaseHexSha1OfTheStreamIdFollowedByTheSecret() {
        // printf '%s' '3BF96D32app-component-secret' | sha1sum
        assertEquals("29cbccda5740e6072d51a50d70ff0b6e2485ee65",
                ComponentHandshake.digest("3BF96D32", "app-component-secret"));
    }

    @Test
    void hashesTheUtf8Bytes() {
        // printf '%s' 'ümlaut-idgeheim✓' | sha1sum
        assertEquals("b1411221e1755e34d0d69b19f819f5db18050d24", ComponentHandshake.digest("ümlaut-id", "geheim✓"));
    }
}
