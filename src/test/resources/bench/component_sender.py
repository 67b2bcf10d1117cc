#!/usr/bin/python3
"""The reference of the component benchmark (SendThroughputBench --transport component): slixmpp's external
component (XEP-0114, ComponentXMPP) sending chat messages as fast as it can — the server's component ceiling — or
with the gateway's promise: each of CALLERS callers waits, before its next message, for the server's answer to a
ping written after its message.

    component_sender.py HOST PORT DOMAIN SECRET SENDERS RECEIVER...

It connects to HOST:PORT as DOMAIN, prints "ready" once the handshake is accepted, then for each line "COUNT TAG"
read from stdin sends COUNT messages and prints "sent COUNT"; for "COUNT TAG CALLERS", it prints it once the server
answered a ping after the last one. Message i goes from sender<i % SENDERS>@DOMAIN/bot to RECEIVER number
i % (number of receivers), its body "TAG:<time.monotonic_ns()>": on Linux the same clock as Java's
System.nanoTime(), so the benchmark's receivers take the latency from it as they do for the gateway's messages.
Flooding, it never waits for the server: after every 64 messages it only yields to the event loop, so that
slixmpp's send queue writes them while the next are built. With CALLERS, a ping (XEP-0199, to the receivers' server)
follows the messages written since the last one as soon as no other is waiting for its answer, as the gateway's are
(AckRequester): the server processes a stream in order, so its answer covers them. It disconnects and exits when
stdin closes.
"""

import asyncio
import sys
import time

from slixmpp import JID, ComponentXMPP

YIELD_EVERY = 64


class ComponentSender(ComponentXMPP):

    def __init__(self, domain, secret, host, port, senders, receivers):
        super().__init__(domain, secret, host, port)
        self.register_plugin("xep_0199")  # the ping stanza, for the acknowledged mode
        self.senders = ["sender%d@%s/bot" % (i, domain) for i in range(senders)]
        self.receivers = receivers
        self.done = asyncio.get_event_loop().create_future()
        self.add_event_handler("session_start", self.session_start)
        # Refused (another connection holds the component), closed, or no server: nothing to retry, the bench reports.
        self.add_event_handler("disconnected", self.finish)
        self.add_event_handler("connection_failed", self.finish)

    def finish(self, event):
        if not self.done.done():
            self.done.set_result(None)

    async def session_start(self, event):
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line.strip():
                break
            count, tag, *callers = line.split()
            if callers:
                await self.send_acknowledged(int(count), tag, int(callers[0]))
            else:
                await self.send_burst(int(count), tag)
            print("sent", count, flush=True)
        self.disconnect()

    def send_one(self, i, tag):
        self.send_message(mto=self.receivers[i % len(self.receivers)], mfrom=self.senders[i % len(self.senders)],
                          mtype="chat", mbody="%s:%d" % (tag, time.monotonic_ns()))

    async def send_burst(self, count, tag):
        for i in range(count):
            self.send_one(i, tag)
            if i % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)

    async def send_acknowledged(self, count, tag, callers):
        acks = PingAcknowledgements(self, JID(self.receivers[0]).domain)
        messages = iter(range(count))  # shared by the callers: each takes the next index

        async def caller():
            for i in messages:
                self.send_one(i, tag)
                await acks.covered()

        await asyncio.gather(*(caller() for _ in range(callers)))


class PingAcknowledgements:
    """One ping on its way at a time; messages written meanwhile wait for the next, sent as soon as it is answered."""

    def __init__(self, xmpp, server):
        self.xmpp = xmpp
        self.server = server
        self.waiting = []
        self.outstanding = False

    def covered(self):
        """A future done once the server has answered a ping written after everything sent so far."""
        answered = self.xmpp.loop.create_future()
        self.waiting.append(answered)
        if not self.outstanding:
            self.ping()
        return answered

    def ping(self):
        batch, self.waiting = self.waiting, []
        self.outstanding = True
        iq = self.xmpp.make_iq_get(ito=self.server, ifrom=self.xmpp.boundjid)
        iq.enable("ping")
        iq.send().add_done_callback(lambda _: self.answered(batch))

    def answered(self, batch):
        for waiting in batch:
            waiting.set_result(None)
        self.outstanding = False
        if self.waiting:
            self.ping()


def main():
    host, port, domain, secret, senders = sys.argv[1:6]
    sender = ComponentSender(domain, secret, host, int(port), int(senders), sys.argv[6:])
    sender.connect()
    sender.loop.run_until_complete(sender.done)


if __name__ == "__main__":
    main()
