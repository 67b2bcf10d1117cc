package io.xmppgateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;

/**
 * Login with a big roster: for rosters of 1,000, 10,000 and 100,000 contacts (written into the test Prosody's
 * storage), the time from the start of the gateway's session to online and to the roster answered, and the heap
 * the session holds afterwards (after GC) — side by side with Smack, an ordinary client, logging in as the same
 * account and loading the same roster into its {@link Roster}, in the same JVM and run.
 *
 * <p>{@code ./mvnw -Pbench test-compile exec:exec@roster-bench -Droster.args="1000 10000 100000"}. Loopback only;
 * one login of each kind per size.
 */
public final class RosterScaleBench {

    private static final String ACCOUNT = "crowd";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Prosody prosody = Prosody.shared();
        // Warm-up, not printed: class loading and the first TLS handshakes would otherwise land in the first row.
        prosody.writeRoster(ACCOUNT, roster(10));
        gateway(10);
        smack(prosody);
        System.out.printf("%-9s | %-28s | %-22s | %-28s | %-22s%n", "contacts", "gateway: online / roster (ms)",
                "gateway heap after GC", "Smack: logged in / roster (ms)", "Smack heap after GC");
        for (int size : sizes) {
            prosody.writeRoster(ACCOUNT, roster(size));
            long[] gateway = gateway(size);
            long[] smack = smack(prosody);
            System.out.printf("%-9d | %12d / %-13d | %10.1f MB (%4d B/c) | %12d / %-13d | %8.1f MB (%4d B/c)%n",
                    size, gateway[0], gateway[1], gateway[2] / 1e6, gateway[2] / size,
                    smack[0], smack[1], smack[2] / 1e6, smack[2] / size);
        }
        prosody.stop();
        System.exit(0);
    }

    private static Map<String, String> roster(int size) {
        Map<String, String> roster = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            roster.put("subscriber" + i + "@" + Prosody.DOMAIN, "from");
        }
        return roster;
    }

    /** Milliseconds to online and to the roster answered, and the heap the online session added. */
    private static long[] gateway(int size) {
        long before = heapAfterGc();
        AtomicLong rosterAt = new AtomicLong();
        long start = System.nanoTime();
        try (SessionHarness session = new SessionHarness(Map.of(
                "xmpp.jid", Prosody.jid(ACCOUNT),
                "xmpp.password", Prosody.password(ACCOUNT),
                "xmpp.resource", "bench"), request -> {
                    if (request.body().stanza() instanceof Iq iq && iq.id().orElse("").startsWith("roster-")) {
                        rosterAt.set(System.nanoTime());
                    }
                    request.reply(null);
                })) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(300));
            long online = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(300)).until(() -> rosterAt.get() != 0);
            long heap = heapAfterGc() - before;
            return new long[] {(online - start) / 1_000_000, (rosterAt.get() - start) / 1_000_000, heap};
        }
    }

    /** The same for Smack: logged in, roster loaded, and the heap its connection holds with the roster. */
    private static long[] smack(Prosody prosody) throws Exception {
        long before = heapAfterGc();
        long start = System.nanoTime();
        XMPPTCPConnection connection = SmackClients.connect(prosody, ACCOUNT, "bench-smack");
        long loggedIn = System.nanoTime();
        try {
            connection.setReplyTimeout(300_000);
            Roster roster = Roster.getInstanceFor(connection);
            roster.reloadAndWait();
            long loaded = System.nanoTime();
            long heap = heapAfterGc() - before;
            if (roster.getEntryCount() == 0) {
                throw new IllegalStateException("Smack loaded no roster");
            }
            return new long[] {(loggedIn - start) / 1_000_000, (loaded - start) / 1_000_000, heap};
        } finally {
            connection.disconnect();
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
