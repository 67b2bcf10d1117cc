package io.xmppgateway.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.xmppgateway.stanza.Jid;

/**
 * What the dispatcher keeps per sender, per inbound stanza, with 10 and with 10,000 distinct senders at the same
 * total rate (one stanza per operation, senders in turn): the sender's address parsed and made bare, the duplicate
 * check ({@code RecentIds}, the dispatcher's size), and the per-sender ordering ({@code PeerOrder}) with 100 stanzas
 * in flight — each completes 100 stanzas after it arrived, so with 10 senders each stanza queues behind its sender's
 * last and with 10,000 each starts a sender's entry and drops it. Handlers and webhooks are left out: they cost the
 * same whoever sent the stanza. {@code order}, {@code duplicates} and {@code senderAddress} measure each part
 * alone. Run with {@code ./mvnw -Pbench test-compile exec:exec@bench
 * -Dbench.args="InboundSendersBenchmark -bm avgt -tu ns"}; the figure is nanoseconds per stanza.
 *
 * <p>{@code PeerOrder} and {@code RecentIds} are package-private in {@code io.xmppgateway.dispatch}, on purpose;
 * the benchmark reaches them through method handles, which the JIT inlines like direct calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InboundSendersBenchmark {

    private static final int IN_FLIGHT = 100;

    @Param({"10", "10000"})
    public int senders;

    private Object order;
    private Object recent;
    private MethodHandle submit;
    private MethodHandle firstTime;
    private String[] from;
    @SuppressWarnings("unchecked")
    private final Promise<Void>[] inFlight = new Promise[IN_FLIGHT];
    private long stanza;

    @Setup
    public void setUp() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> peerOrder = Class.forName("io.xmppgateway.dispatch.PeerOrder");
        Class<?> recentIds = Class.forName("io.xmppgateway.dispatch.RecentIds");
        MethodHandles.Lookup dispatch = MethodHandles.privateLookupIn(peerOrder, lookup);
        order = dispatch.findConstructor(peerOrder, MethodType.methodType(void.class)).invoke();
        recent = dispatch.findConstructor(recentIds, MethodType.methodType(void.class, int.class)).invoke(4096);
        submit = dispatch.findVirtual(peerOrder, "submit",
                MethodType.methodType(Future.class, String.class, Supplier.class));
        firstTime = dispatch.findVirtual(recentIds, "firstTime",
                MethodType.methodType(boolean.class, String.class, String.class));
        from = new String[senders];
        for (int i = 0; i < senders; i++) {
            from[i] = "sender" + i + "@example.org/phone";
        }
    }

    /** All of it, as the dispatcher does it for one stanza. */
    @Benchmark
    public Object inbound() throws Throwable {
        long n = stanza++;
        String sender = from[(int) (n % senders)];
        if (!(boolean) firstTime.invoke(recent, sender, "id-" + n)) {
            return null;
        }
        return submit(n, Jid.of(sender).bare().toString());
    }

    /** The per-sender ordering alone. */
    @Benchmark
    public Object order() throws Throwable {
        long n = stanza++;
        return submit(n, from[(int) (n % senders)]);
    }

    /** The duplicate check alone. */
    @Benchmark
    public boolean duplicates() throws Throwable {
        long n = stanza++;
        return (boolean) firstTime.invoke(recent, from[(int) (n % senders)], "id-" + n);
    }

    /** The sender's address alone: parsed (jxmpp keeps the last 100 parsed in a cache) and made bare. */
    @Benchmark
    public String senderAddress() {
        long n = stanza++;
        return Jid.of(from[(int) (n % senders)]).bare().toString();
    }

    /** Submits stanza {@code n}'s work, and completes the one that arrived {@link #IN_FLIGHT} stanzas earlier. */
    private Object submit(long n, String peer) throws Throwable {
        int slot = (int) (n % IN_FLIGHT);
        if (inFlight[slot] != null) {
            inFlight[slot].complete();
        }
        Promise<Void> work = Promise.promise();
        inFlight[slot] = work;
        Supplier<Future<Void>> handle = work::future;
        return submit.invoke(order, peer, handle);
    }
}
