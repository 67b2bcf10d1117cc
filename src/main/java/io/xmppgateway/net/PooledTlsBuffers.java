package io.xmppgateway.net;

import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * TLS output buffers from Netty's pool. Netty's TLS handler, over the JDK's TLS engine, takes a heap buffer the size
 * of a record (some 16 KB) for every record it writes; Vert.x's default allocator makes each a new array, which was
 * over half of what the gateway allocated per inbound message (its {@code <a/>} answers are small records) and what
 * made the young collections come every second. Vert.x pools them for connections that start with TLS when asked
 * ({@code JdkSSLEngineOptions.setPooledHeapBuffers}), but not for one upgraded by STARTTLS: this gives such a
 * connection the same allocator before the upgrade.
 */
public final class PooledTlsBuffers {

    private PooledTlsBuffers() {
    }

    /** Switches a connected socket to the pooled allocator; answers whether it could. */
    public static boolean use(NetSocket socket) {
        if (!(socket instanceof ConnectionBase connection)) {
            return false;
        }
        connection.channel().config().setAllocator(PooledByteBufAllocator.DEFAULT);
        return true;
    }
}
