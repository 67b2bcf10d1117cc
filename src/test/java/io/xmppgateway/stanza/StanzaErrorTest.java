package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the RFC 6120 §8.3.3 condition table. */
class StanzaErrorTest {

    @ParameterizedTest
    @CsvSource({
            "bad-request, modify", "conflict, cancel", "feature-not-implemented, cancel", "forbidden, auth",
            "gone, cancel", "internal-server-error, cancel", "item-not-found, cancel", "jid-malformed, modify",
            "not-acceptable, modify", "not-allowed, cancel", "not-authorized, auth", "policy-violation, modify",
            "recipient-unavailable, wait", "redirect, modify", "registration-required, auth",
            "remote-server-not-found, cancel", "remote-server-timeout, wait", "resource-constraint, wait",
            "service-unavailable, cancel", "subscription-required, auth", "undefined-condition, modify",
            "unexpected-request, wait"})
    void eachConditionHasItsDefaultType(String condition, String type) {
        StanzaError error = StanzaError.of(StanzaError.Condition.fromWire(condition).orElseThrow());
        assertEquals(type, error.type().wireName());
        assertEquals(condition, error.condition().wireName());
    }

    @ParameterizedTest
    @EnumSource(StanzaError.Condition.class)
    void eachConditionSurvivesTheWire(StanzaError.Condition condition) {
        StanzaError error = StanzaError.of(condition, "why");
        assertEquals(error, StanzaError.fromElement(error.toElement("jabber:client")));
    }

    @ParameterizedTest
    @CsvSource({"'<error type=\"wait\"><x xmlns=\"urn:other\"/></error>', undefined-condition, wait"})
    void anUnknownConditionReadsAsUndefined(String xml, String condition, String type) throws Exception {
        Element error = StreamDecoderTest.decode(StreamDecoderTest.HEADER + xml).elements.get(0);
        StanzaError read = StanzaError.fromElement(error);
        assertEquals(condition, read.condition().wireName());
        assertEquals(type, read.type().wireName());
        assertEquals(Optional.empty(), read.text());
    }
}
