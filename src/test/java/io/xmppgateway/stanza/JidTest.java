package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JidTest {

    @Test
    void splitsAFullJidIntoItsParts() {
        Jid jid = Jid.of("juliet@example.com/balcony");
        assertEquals(Optional.of("juliet"), jid.local());
        assertEquals("example.com", jid.domain());
        assertEquals(Optional.of("balcony"), jid.resource());
        assertFalse(jid.isBare());
        assertEquals(Jid.of("juliet@example.com"), jid.bare());
    }

    @Test
    void aDomainAloneIsAJid() {
        Jid jid = Jid.of("example.com");
        assertTrue(jid.isBare());
        assertEquals(Optional.empty(), jid.local());
    }

    @Test
    void withResourceMakesAFullJid() {
        assertEquals("bot@example.org/bot", Jid.of("bot@example.org").withResource("bot").toString());
        assertEquals("bot@example.org/other", Jid.of("bot@example.org/bot").withResource("other").toString());
    }

    @Test
    void equalityIsOnTheNormalisedForm() {
        assertEquals(Jid.of("Juliet@Example.COM/balcony"), Jid.of("juliet@example.com/balcony"));
        assertEquals("juliet@example.com/balcony", Jid.of("Juliet@Example.COM/balcony").toString());
    }

    @Test
    void resourcesAreCaseSensitive() {
        assertFalse(Jid.of("a@example.com/Home").equals(Jid.of("a@example.com/home")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "@example.com", "user@", "bad@@example.com", "user@exa mple.com",
            "us\"er@example.com", "user@example.com/", "a<b@example.com", "user@[::1", "user@a..example.com",
            "user@exa$mple.com", "user@xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.example.com"})
    void invalidJidsAreRefusedWithAReason(String input) {
        InvalidJidException e = assertThrows(InvalidJidException.class, () -> Jid.of(input));
        assertTrue(e.getMessage().contains("invalid JID"), e.getMessage());
        assertEquals(input, e.input());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@[::1]", "user@127.0.0.1", "user@münchen.de", "user@example.com.",
            "user@bad_name.localhost", "_component.example.org"})
    void ipLiteralsAndInternationalDomainsAreValid(String input) {
        assertEquals(Jid.of(input), Jid.of(Jid.of(input).toString()));
    }

    @Test
    void aJidParsedAgainIsTheSameAndTheCacheStaysBounded() {
        assertSame(Jid.of("cached@example.org/desk"), Jid.of("cached@example.org/desk"));
        for (int i = 0; i < 40_000; i++) {
            Jid.of("sender" + i + "@example.org");
        }
        assertTrue(Jid.cached() <= 16_384, Jid.cached() + " addresses held");
        String unusual = "x".repeat(300) + "@example.org";
        assertNotSame(Jid.of(unusual), Jid.of(unusual), "long addresses are not held");
    }
}
