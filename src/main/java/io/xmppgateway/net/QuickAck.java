package io.xmppgateway.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import jdk.net.ExtendedSocketOptions;

/**
 * Acknowledges at the TCP level what the peer sent as soon as it is read: Linux's {@code TCP_QUICKACK}, set again
 * after every read because the kernel clears it.
 *
 * <p>Why: a peer with Nagle's algorithm on sends a small write only once everything it sent before is acknowledged.
 * A connection that also writes — acknowledgements, pings and sends to the XMPP server; requests to a webhook — is
 * taken by the kernel for an interactive one, whose ACKs are delayed (40 ms, and up to 200 ms as the measured round
 * trip grows) in the hope of riding on a reply. Each write of the peer then waits for the delayed ACK of the one
 * before. Prosody runs with Nagle on by default: at 1,000 inbound messages/s each waited 17 ms at the median, where
 * a plain client reading the same stream waits 0.3 ms. A webhook server that writes its answer's head and body
 * apart (as Python's {@code http.server} does) holds the body the same way. Sending the ACK at once costs one
 * {@code setsockopt} per read.
 *
 * <p>Where the option does not exist (not Linux, or not the NIO transport) nothing is installed.
 */
public final class QuickAck extends ChannelInboundHandlerAdapter {

    private static final ChannelOption<Boolean> OPTION = NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);

    private QuickAck() {
    }

    /** Installs it on a connected socket, if the platform has the option; answers whether it did. */
    public static boolean install(NetSocket socket) {
        return socket instanceof ConnectionBase connection && install(connection.channel());
    }

    /** Installs it on an HTTP client connection, if the platform has the option; answers whether it did. */
    public static boolean install(HttpConnection http) {
        return http instanceof ConnectionBase connection && install(connection.channel());
    }

    private static boolean install(Channel channel) {
        if (!(channel instanceof NioSocketChannel) || !channel.config().setOption(OPTION, true)) {
            return false;
        }
        channel.pipeline().addFirst("quick-ack", new QuickAck());
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            try {
                ctx.channel().config().setOption(OPTION, true);
            } catch (ChannelException closedMeanwhile) {
                // The socket closed after the read: there is nothing left to acknowledge.
            }
        }
        ctx.fireChannelReadComplete();
    }
}
