package io.xmppgateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What starting a test server's process shares, whichever server it is. */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /**
     * Waits until {@code process} listens on every one of {@code ports} (loopback), failing at once with its output
     * if it exits first, and after {@code timeout} if it never listens.
     */
    static void awaitListening(Process process, String name, Duration timeout, Supplier<String> output, int... ports) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output.get());
            }
            if (allListening(ports)) {
                return;
            }
            try {
                Thread.sleep(100); // polling a port: there is nothing to be told by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + java.util.Arrays.toString(ports) + " within "
                + timeout + ":\n" + output.get());
    }

    /** Stops {@code process} with SIGTERM, and with SIGKILL if it is still there after 10 s. */
    static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean allListening(int... ports) {
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            } catch (IOException notYet) {
                return false;
            }
        }
        return true;
    }
}
