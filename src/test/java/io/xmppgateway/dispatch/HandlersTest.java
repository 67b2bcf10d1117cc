package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.xmppgateway.handler.IqHandler;

/** Two beans for one IQ namespace fail startup, naming both. */
class HandlersTest {

    @IqHandler(namespace = "urn:example:weather")
    static class Forecast {
    }

    @IqHandler(namespace = "urn:example:weather")
    static class Radar {
    }

    @IqHandler(namespace = "urn:example:tides")
    static class Tides {
    }

    @Test
    void twoBeansForOneNamespaceFailNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Handlers.iqNamespaces(List.of(Forecast.class, Tides.class, Radar.class)));
        assertTrue(e.getMessage().contains(Forecast.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Radar.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("urn:example:weather"), e.getMessage());
    }

    @Test
    void distinctNamespacesAreIndexed() {
        assertEquals(2, Handlers.iqNamespaces(List.of(Forecast.class, Tides.class, String.class)).size());
    }
}
