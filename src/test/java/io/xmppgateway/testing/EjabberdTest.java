package io.xmppgateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The test ejabberd itself: two accounts log in over STARTTLS and talk; killed (SIGKILL) and started again, the
 * accounts are still there; and it needs no epmd.
 */
class EjabberdTest {

    @Test
    void twoAccountsTalkAndSurviveAKill() throws Exception {
        Ejabberd ejabberd = Ejabberd.shared();
        exchange(ejabberd, "first");
        ejabberd.kill();
        ejabberd.start();
        exchange(ejabberd, "after the kill");
        assertTrue(ejabberd.log().contains("is started in the node 'ejabberd-test-"), ejabberd.log());
        assertFalse(epmdRunning(), "ejabberd runs without epmd (port 4369 free)");
    }

    private static void exchange(XmppServer server, String body) throws Exception {
        XMPPTCPConnection alice = SmackClients.connect(server, "alice");
        XMPPTCPConnection bob = SmackClients.connect(server, "bob");
        try {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            bob.addAsyncStanzaListener(stanza -> got.add(((Message) stanza).getBody()), MessageWithBodiesFilter.INSTANCE);
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(Prosody.jid("bob") + "/smack"))
                    .ofType(Message.Type.chat).setBody(body).build());
            assertEquals(body, got.poll(10, TimeUnit.SECONDS), server.log());
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    private static boolean epmdRunning() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4369));
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }
}
