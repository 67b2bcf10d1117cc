package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses of see-other-host and XEP-0198's location. */
class HostPortTest {

    @ParameterizedTest
    @CsvSource({"xmpp.example.org, xmpp.example.org, 5222", "xmpp.example.org:5223, xmpp.example.org, 5223",
            "192.0.2.1:80, 192.0.2.1, 80", "'[2001:db8::1]', 2001:db8::1, 5222", "'[2001:db8::1]:9', 2001:db8::1, 9"})
    void parsesHostAndPort(String address, String host, int port) {
        assertEquals(Optional.of(new HostPort(host, port)), HostPort.parse(address, 5222));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host:", "host:x", "host:0", "host:70000", "2001:db8::1", "[2001:db8::1", "[::1]x"})
    void refusesWhatIsNoAddress(String address) {
        assertEquals(Optional.empty(), HostPort.parse(address, 5222));
    }
}
