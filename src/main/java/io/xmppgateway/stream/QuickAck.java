package io.xmppgateway.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import jdk.net.ExtendedSocketOptions;

/**
 * Acknowledges at the TCP level what the server sent as soon as it is read: Linux's {@code TCP_QUICKACK}, set again
 * after every read because the kernel clears it.
 *
 * <p>Why: a server with Nagle's algorithm on (Prosody's default) sends a small stanza only once everything it sent
 * before is acknowledged. A connection that also writes (acknowledgements, pings, sends) is taken by the kernel for
 * an interactive one, whose ACKs are delayed — 40 ms and, as the measured round trip grows, up to 200 ms — in the
 * hope of riding on a reply. Each stanza then waits for the delayed ACK of the one before: measured through Prosody
 * at 1,000 messages/s, 17 ms at the median where a plain client reading the same stream waits 0.3 ms. Sending the
 * ACK at once costs one {@code setsockopt} per read.
 *
 * <p>Where the option does not exist (not Linux, or not the NIO transport) nothing is installed. {@code
 * xmpp.quick-ack=false} turns it off.
 */
final class QuickAck extends ChannelInboundHandlerAdapter {

    private static final ChannelOption<Boolean> OPTION = NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);

    private QuickAck() {
    }

    /** Installs it on a connected socket, if the platform has the option; answers whether it did. */
    static boolean install(NetSocket socket) {
        if (!(socket instanceof NetSocketInternal internal)) {
            return false;
        }
        Channel channel = internal.channelHandlerContext().channel();
        if (!(channel instanceof NioSocketChannel) || !channel.config().setOption(OPTION, true)) {
            return false;
        }
        channel.pipeline().addFirst("xmpp-quick-ack", new QuickAck());
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(OPTION, true);
        ctx.fireChannelReadComplete();
    }
}
