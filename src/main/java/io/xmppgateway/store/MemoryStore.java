package io.xmppgateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongFunction;

import io.smallrye.mutiny.Uni;

/**
 * The store of a single gateway ({@code gateway.store=memory}, the default): the process's own memory, nothing to
 * install. Every call is done when its {@link Uni} is subscribed to, under one lock, and costs O(log n) at most:
 * entries sit in hash maps, and also in one set sorted by expiry, so expiring only ever looks at its head.
 *
 * <p>Bounded: at most {@code maxKeys} values and, as far as {@link Retention#EVICTABLE} ones can be dropped,
 * {@code maxBytes} of them (estimated). Room is made by dropping the evictable values written longest ago; a
 * {@link Retention#KEEP} value is never dropped before it expires, and when only such values fill the store a new
 * one is refused ({@link StoreFullException}). Counters (a key a day for the quotas) are not counted.
 */
public final class MemoryStore implements SharedStore {

    /** What a value costs besides its characters: the entry objects, the map and set nodes. */
    static final long ENTRY_BYTES = 160;

    private abstract static class Entry {
        final String key;
        final long seq;
        long expiresAt;

        Entry(String key, long seq, long expiresAt) {
            this.key = key;
            this.seq = seq;
            this.expiresAt = expiresAt;
        }
    }

    private static final class Value extends Entry {
        final String value;
        final long bytes;
        final Retention retention;

        Value(String key, long seq, long expiresAt, String value, Retention retention) {
            super(key, seq, expiresAt);
            this.value = value;
            this.retention = retention;
            this.bytes = ENTRY_BYTES + 2L * (key.length() + value.length());
        }
    }

    private static final class Counters extends Entry {
        final Map<String, Long> counts = new HashMap<>();

        Counters(String key, long seq, long expiresAt) {
            super(key, seq, expiresAt);
        }
    }

    private final Clock clock;
    private final int maxKeys;
    private final long maxBytes;
    private final Object lock = new Object();
    private final Map<String, Value> values = new HashMap<>();
    /** The evictable values in the order they were written: the first is the first to go. */
    private final LinkedHashMap<String, Value> evictable = new LinkedHashMap<>();
    private final Map<String, Counters> counters = new HashMap<>();
    private final TreeSet<Entry> byExpiry = new TreeSet<>(
            Comparator.<Entry>comparingLong(entry -> entry.expiresAt).thenComparingLong(entry -> entry.seq));
    private long bytes;
    private long seq;

    /**
     * @param clock    the time entries expire by (the gateway's clock: tests move it)
     * @param maxKeys  values held at most
     * @param maxBytes what the values may weigh together, as far as evictable ones can make room
     */
    public MemoryStore(Clock clock, int maxKeys, long maxBytes) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.clock = clock;
        this.maxKeys = maxKeys;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Counted> addWithinCaps(String key, Map<String, Long> deltas, Map<String, Long> caps,
                                      Instant expiresAt) {
        return locked(now -> {
            Counters entry = counters.get(key);
            Map<String, Long> used = entry == null ? Map.of() : entry.counts;
            for (Map.Entry<String, Long> delta : deltas.entrySet()) {
                Long cap = caps.get(delta.getKey());
                if (cap != null && used.getOrDefault(delta.getKey(), 0L) + delta.getValue() > cap) {
                    return Counted.refused(delta.getKey());
                }
            }
            if (entry == null) {
                entry = new Counters(key, seq++, expiresAt.toEpochMilli());
                counters.put(key, entry);
                byExpiry.add(entry);
            } else if (entry.expiresAt != expiresAt.toEpochMilli()) {
                byExpiry.remove(entry);
                entry.expiresAt = expiresAt.toEpochMilli();
                byExpiry.add(entry);
            }
            for (Map.Entry<String, Long> delta : deltas.entrySet()) {
                entry.counts.merge(delta.getKey(), delta.getValue(), Long::sum);
            }
            return Counted.added(entry.counts);
        });
    }

    @Override
    public Uni<Map<String, Long>> counters(String key) {
        return locked(now -> {
            Counters entry = counters.get(key);
            return entry == null ? Map.of() : Map.copyOf(entry.counts);
        });
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, String value, Duration ttl, Retention retention) {
        return locked(now -> {
            if (values.containsKey(key)) {
                return false;
            }
            write(new Value(key, seq++, now + ttl.toMillis(), value, retention));
            return true;
        });
    }

    @Override
    public Uni<Optional<String>> get(String key) {
        return locked(now -> Optional.ofNullable(values.get(key)).map(entry -> entry.value));
    }

    @Override
    public Uni<Boolean> replaceIfEquals(String key, String expected, String value, Duration ttl,
                                       Retention retention) {
        return locked(now -> {
            Value held = values.get(key);
            if (held == null || !held.value.equals(expected)) {
                return false;
            }
            write(new Value(key, seq++, now + ttl.toMillis(), value, retention));
            return true;
        });
    }

    @Override
    public Uni<Boolean> deleteIfEquals(String key, String expected) {
        return locked(now -> {
            Value held = values.get(key);
            if (held == null || !held.value.equals(expected)) {
                return false;
            }
            remove(held);
            return true;
        });
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl, Retention retention) {
        return locked(now -> {
            write(new Value(key, seq++, now + ttl.toMillis(), value, retention));
            return null;
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return locked(now -> {
            Value held = values.get(key);
            if (held != null) {
                remove(held);
            }
            return null;
        });
    }

    /** Values held now. */
    public int size() {
        synchronized (lock) {
            expire(clock.millis());
            return values.size();
        }
    }

    /** What the values held weigh, estimated. */
    public long bytes() {
        synchronized (lock) {
            expire(clock.millis());
            return bytes;
        }
    }

    private <T> Uni<T> locked(LongFunction<T> operation) {
        return Uni.createFrom().item(() -> {
            synchronized (lock) {
                long now = clock.millis();
                expire(now);
                return operation.apply(now);
            }
        });
    }

    /** Writes a value in place of the key's, first making room for a new key. */
    private void write(Value value) {
        Value old = values.get(value.key);
        if (old != null) {
            remove(old);
        } else if (values.size() >= maxKeys && !evictOldest()) {
            throw new StoreFullException(maxKeys);
        }
        values.put(value.key, value);
        byExpiry.add(value);
        bytes += value.bytes;
        if (value.retention == Retention.EVICTABLE) {
            evictable.put(value.key, value);
        }
        while (bytes > maxBytes && evictOldest()) {
            // the oldest evictable values go until the rest fit
        }
    }

    private boolean evictOldest() {
        Iterator<Value> oldest = evictable.values().iterator();
        if (!oldest.hasNext()) {
            return false;
        }
        remove(oldest.next());
        return true;
    }

    private void remove(Value value) {
        values.remove(value.key);
        evictable.remove(value.key);
        byExpiry.remove(value);
        bytes -= value.bytes;
    }

    private void expire(long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt <= now) {
            Entry due = byExpiry.first();
            if (due instanceof Value value) {
                remove(value);
            } else {
                byExpiry.pollFirst();
                counters.remove(due.key);
            }
        }
    }
}
