package io.xmppgateway.stream;

import java.util.Optional;

/**
 * A server address as XMPP writes it in {@code see-other-host} (RFC 6120 §4.9.3.19) and in XEP-0198's
 * {@code location}: {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}.
 */
record HostPort(String host, int port) {

    /** The address, with {@code defaultPort} when it names none; empty when it is not an address. */
    static Optional<HostPort> parse(String address, int defaultPort) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String value = address.strip();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = value.substring(close + 1);
            return port(rest, defaultPort).map(port -> new HostPort(value.substring(1, close), port));
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.of(new HostPort(value, defaultPort));
        }
        if (value.indexOf(':', colon + 1) >= 0) {
            return Optional.empty(); // an IPv6 address must be bracketed
        }
        return port(value.substring(colon), defaultPort).map(port -> new HostPort(value.substring(0, colon), port));
    }

    private static Optional<Integer> port(String suffix, int defaultPort) {
        if (suffix.isEmpty()) {
            return Optional.of(defaultPort);
        }
        if (!suffix.startsWith(":")) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(suffix.substring(1));
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
