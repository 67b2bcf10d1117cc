package io.xmppgateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What starting a test server's process shares, whichever server it is. */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /** A server that could not bind a port chosen free a moment before: another socket took it meanwhile. */
    static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * A server made on free ports and started — again on other ports, up to three times, when one of them was taken
     * between choosing and binding it (an outbound connection's ephemeral port can be any of them).
     */
    static <S> S startOnFreePorts(String name, Callable<S> make, Consumer<S> start, Consumer<S> stop) {
        for (int attempt = 1; ; attempt++) {
            S server;
            try {
                server = make.call();
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare " + name, e);
            }
            try {
                start.accept(server);
                return server;
            } catch (PortTakenException e) {
                stop.accept(server);
                if (attempt == 3) {
                    throw e;
                }
                System.err.printf("%s: a port was taken before it could bind it; again on others%n", name);
            }
        }
    }

    /**
     * Waits until {@code process} listens on every one of {@code ports} (loopback), failing at once with its output
     * if it exits first, and after {@code timeout} if it never listens.
     */
    static void awaitListening(Process process, String name, Duration timeout, Supplier<String> output, int... ports) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String said = output.get();
                String message = name + " exited with " + process.exitValue() + ":\n" + said;
                throw said.toLowerCase(java.util.Locale.ROOT).contains("address already in use")
                        ? new PortTakenException(message) : new IllegalStateException(message);
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
