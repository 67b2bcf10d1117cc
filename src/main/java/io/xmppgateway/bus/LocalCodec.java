package io.xmppgateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable envelope by reference between verticles of one process. The envelopes never leave the
 * JVM, so the wire methods refuse to run.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    private LocalCodec(Class<T> type) {
        this.type = type;
    }

    /** Registers this codec as the default for each envelope type, replacing an earlier registration. */
    public static void registerAll(EventBus eventBus) {
        register(eventBus, OutboundStanza.class);
        register(eventBus, SendReceipt.class);
        register(eventBus, InboundStanza.class);
    }

    private static <T> void register(EventBus eventBus, Class<T> type) {
        // Quarkus dev mode and tests reuse one Vert.x across application restarts, with new classes each time.
        eventBus.unregisterDefaultCodec(type);
        eventBus.registerDefaultCodec(type, new LocalCodec<>(type));
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local to this process");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local to this process");
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "local-" + type.getName() + "@" + Integer.toHexString(System.identityHashCode(type));
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
