package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.xmppgateway.store.Retention;
import io.xmppgateway.store.SharedStore;

/**
 * Which replica of the gateway receives what is sent to the account's bare JID, kept in the {@link SharedStore} so
 * that every replica sees alike: a <b>lease</b> only one replica holds at a time — claimed if free, renewed within
 * its time to live with the token only its holder knows, released on shutdown, taken over by another replica once
 * it expires — and the active replica's <b>stream record</b>: its XEP-0198 stream id, where to resume it and the
 * inbound count it has acknowledged. The server keeps a killed process's session hibernating, still available and
 * still receiving; with the record, the replica that takes over resumes that stream from another process and is
 * handed what it held ({@link Takeover}). So that the resumption gets everything the dead process had not handled,
 * the record's count is written before the server hears it ({@link #covering}).
 *
 * <pre>{@code
 * lease:bot@example.org    = "gateway-7d9-x2 3f1c…"          (holder's resource and token; TTL xmpp.lease.ttl)
 * session:bot@example.org  = {"resource":"gateway-7d9-x2","previd":"…","location":null,"h":4711}
 * }</pre>
 *
 * <p>A component's replicas use the lease alone, keyed by the component's domain ({@code lease:app.example.org}): its
 * holder is the one replica that connects ({@link ComponentLease}).
 *
 * <p>Used from the session verticle's event loop only; every answer comes back on it.
 */
final class ActiveReplica {

    private static final Logger LOG = Logger.getLogger(ActiveReplica.class);

    /** Longer than any server keeps a dead session to be resumed (Prosody 10 min, ejabberd 5 min by default). */
    private static final Duration RECORD_TTL = Duration.ofHours(1);

    /** A stream another replica may resume: the active replica's, as it last acknowledged it. */
    record RecordedStream(String resource, String previd, Optional<String> location, long h) {

        static RecordedStream parse(String json) {
            JsonObject record = new JsonObject(json);
            return new RecordedStream(record.getString("resource"), record.getString("previd"),
                    Optional.ofNullable(record.getString("location")), record.getLong("h"));
        }

        String json() {
            return new JsonObject().put("resource", resource).put("previd", previd)
                    .put("location", location.orElse(null)).put("h", h).encode();
        }
    }

    private final SharedStore store;
    private final Context context;
    private final String leaseKey;
    private final String recordKey;
    private final String resource;
    private final String token;
    private final Duration ttl;

    private boolean held;
    private boolean storeDown;
    private volatile Optional<String> holder = Optional.empty(); // written where the store answers

    private RecordedStream mine; // this replica's stream while it records it, with the h to hold at least
    private String written;      // the record the store holds, as far as this replica knows
    private Future<Void> saving = Future.succeededFuture();

    ActiveReplica(SharedStore store, Context context, String account, String resource, Duration ttl) {
        this.store = store;
        this.context = context;
        this.leaseKey = "lease:" + account;
        this.recordKey = "session:" + account;
        this.resource = resource;
        this.token = resource + " " + UUID.randomUUID();
        this.ttl = ttl;
    }

    /** The resource of the replica that held the lease when last looked, this one's included. */
    Optional<String> holder() {
        return holder;
    }

    /**
     * Claims the lease, or renews it if held: answers whether this replica holds it now. A store that cannot be
     * reached changes nothing: the holder stays active (no other replica can claim it meanwhile, and two active
     * replicas only duplicate), the others stay standby.
     */
    Future<Boolean> claim() {
        Uni<Boolean> claimed = held
                ? store.replaceIfEquals(leaseKey, token, token, ttl, Retention.KEEP)
                        .chain(renewed -> renewed ? Uni.createFrom().item(true) : claimFree())
                : claimFree();
        return onContext(claimed).map(now -> {
            storeDown = false;
            held = now;
            return now;
        }).recover(failure -> {
            if (!storeDown) {
                LOG.warnf("The lease of the active replica cannot be %s: %s (staying %s)",
                        held ? "renewed" : "claimed", failure.getMessage(), held ? "active" : "standby");
            }
            storeDown = true;
            return Future.succeededFuture(held);
        });
    }

    private Uni<Boolean> claimFree() {
        return store.putIfAbsent(leaseKey, token, ttl, Retention.KEEP).chain(claimed -> claimed
                ? Uni.createFrom().item(true).invoke(() -> holder = Optional.of(resource))
                : store.get(leaseKey).map(value -> {
                    holder = value.map(ActiveReplica::resourceOf);
                    return false;
                }));
    }

    /** The resource in a lease's value: what precedes the token (a resource may hold spaces, a token none). */
    private static String resourceOf(String lease) {
        return lease.substring(0, lease.lastIndexOf(' '));
    }

    /** Whether another process can hold the lease: with a store of this process's own, nobody can. */
    boolean shared() {
        return store.shared();
    }

    /** Answers whether another replica holds the lease now (after this one released it). */
    Future<Boolean> heldElsewhere() {
        return onContext(store.get(leaseKey)).map(value -> {
            holder = value.map(ActiveReplica::resourceOf);
            return value.isPresent() && !value.get().equals(token);
        });
    }

    /**
     * Answers whether this replica holds the lease now, without renewing it: a component's lease holder whose stream
     * broke connects again only while its lease, no longer renewed, lasts.
     */
    Future<Boolean> holds() {
        return onContext(store.get(leaseKey)).map(value -> {
            holder = value.map(ActiveReplica::resourceOf);
            held = value.isPresent() && value.get().equals(token);
            return held;
        });
    }

    /** Gives the lease up (shutdown), so that a standby takes over now rather than when it expires. */
    Future<Void> release() {
        if (!held) {
            return Future.succeededFuture();
        }
        held = false;
        return onContext(store.deleteIfEquals(leaseKey, token)).mapEmpty();
    }

    /** The stream the active replica last recorded, if any (another replica's, when this one takes over). */
    Future<Optional<RecordedStream>> recordedStream() {
        return onContext(store.get(recordKey)).map(value -> value.map(RecordedStream::parse));
    }

    /**
     * From now on this replica's stream is the one to resume if it dies, in place of whatever was recorded:
     * {@code previd} as the server named it, and {@code h} what this replica acknowledged so far.
     */
    void record(String previd, Optional<String> location, long h) {
        mine = new RecordedStream(resource, previd, location, h);
        written = null;
        saving = saving.transform(done -> writeLatest());
    }

    /**
     * The {@code h} to acknowledge now, given that {@code h} stanzas are handled: once the record holds it (at once
     * when it already does, or when this replica records nothing). A store that cannot be reached does not hold
     * acknowledgements back — the server would queue without end — but then a takeover may get more again.
     */
    Future<Long> covering(long h) {
        if (mine == null) {
            return Future.succeededFuture(h);
        }
        mine = new RecordedStream(resource, mine.previd(), mine.location(), h);
        if (mine.json().equals(written)) {
            return Future.succeededFuture(h);
        }
        // One write at a time, each of the latest count: under load the record trails by one write, never more.
        saving = saving.transform(done -> writeLatest());
        return saving.transform(done -> Future.succeededFuture(h));
    }

    /** Stops recording, and removes the record if it is still this replica's: nobody is to resume this stream. */
    Future<Void> forget() {
        mine = null;
        saving = saving.transform(done -> {
            String last = written;
            written = null;
            return last == null ? Future.succeededFuture()
                    : onContext(store.deleteIfEquals(recordKey, last)).mapEmpty();
        });
        return saving;
    }

    /** Writes {@code mine} unless the store holds it already; replaces only what this replica wrote before. */
    private Future<Void> writeLatest() {
        if (mine == null || mine.json().equals(written)) {
            return Future.succeededFuture();
        }
        String json = mine.json();
        String before = written;
        Uni<Boolean> saved = before != null
                ? store.replaceIfEquals(recordKey, before, json, RECORD_TTL, Retention.KEEP)
                : store.get(recordKey).chain(other -> other.isEmpty()
                        ? store.putIfAbsent(recordKey, json, RECORD_TTL, Retention.KEEP)
                        : store.replaceIfEquals(recordKey, other.get(), json, RECORD_TTL, Retention.KEEP));
        return onContext(saved).compose(done -> {
            if (done) {
                written = json;
            } else {
                LOG.info("Another replica recorded its stream since: this one's is no longer to be resumed");
                mine = null;
                written = null;
            }
            return Future.<Void>succeededFuture();
        }, failure -> {
            written = null; // whether it was written is unknown: the next write reads what is there
            LOG.debugf("The stream record could not be written: %s", failure.getMessage());
            return Future.failedFuture(failure);
        });
    }

    private <T> Future<T> onContext(Uni<T> uni) {
        return Future.fromCompletionStage(uni.subscribeAsCompletionStage(), context);
    }
}
