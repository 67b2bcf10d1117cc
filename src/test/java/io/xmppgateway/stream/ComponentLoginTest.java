package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/**
 * The gateway connects to a real server (Prosody, ejabberd) as the component {@value Prosody#APP_DOMAIN}: the
 * component stream opens and the handshake (XEP-0114 §3) succeeds; with everything the stream layer logs at TRACE
 * captured, neither the secret nor the handshake's digest is in it.
 */
class ComponentLoginTest {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{40}");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void handshakesWithTheRightSecretAndLogsNeitherItNorTheDigest(XmppServer server) throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger streamLog = Logger.getLogger("io.xmppgateway.stream");
        Level level = streamLog.getLevel();
        Handler capture = new Capture(logged);
        streamLog.setLevel(Level.ALL);
        streamLog.addHandler(capture);
        try (ComponentStream component = ComponentStream.connect(server, Prosody.APP_DOMAIN, Prosody.APP_SECRET)) {
            assertFalse(component.isClosed(), "the stream stays up after the handshake");
        } finally {
            streamLog.removeHandler(capture);
            streamLog.setLevel(level);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("<handshake")), "the trace shows the exchange: "
                + logged);
        for (String line : logged) {
            assertFalse(line.contains(Prosody.APP_SECRET), line);
            assertFalse(DIGEST.matcher(line).find(), line);
        }
    }

    /** Every record, formatted. */
    static final class Capture extends Handler {
        private final List<String> lines;

        Capture(List<String> lines) {
            this.lines = lines;
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters() == null ? new Object[0] : record.getParameters();
            lines.add(parameters.length == 0 ? record.getMessage() : String.format(record.getMessage(), parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
