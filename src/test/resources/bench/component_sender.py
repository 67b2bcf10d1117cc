#!/usr/bin/python3
"""The reference of the component benchmark (SendThroughputBench --transport component): slixmpp's external
component (XEP-0114, ComponentXMPP) sending chat messages as fast as it can — the server's component ceiling.

    component_sender.py HOST PORT DOMAIN SECRET SENDERS RECEIVER...

It connects to HOST:PORT as DOMAIN, prints "ready" once the handshake is accepted, then for each line "COUNT TAG"
read from stdin sends COUNT messages and prints "sent COUNT". Message i goes from sender<i % SENDERS>@DOMAIN/bot to
RECEIVER number i % (number of receivers), its body "TAG:<time.monotonic_ns()>": on Linux the same clock as Java's
System.nanoTime(), so the benchmark's receivers take the latency from it as they do for the gateway's messages.
It never waits for the server: after every 64 messages it only yields to the event loop, so that slixmpp's send
queue writes them while the next are built. It disconnects and exits when stdin closes.
"""

import asyncio
import sys
import time

from slixmpp import ComponentXMPP

YIELD_EVERY = 64


class ComponentSender(ComponentXMPP):

    def __init__(self, domain, secret, host, port, senders, receivers):
        super().__init__(domain, secret, host, port)
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
            count, tag = line.split()
            await self.send_burst(int(count), tag)
            print("sent", count, flush=True)
        self.disconnect()

    async def send_burst(self, count, tag):
        for i in range(count):
            self.send_message(mto=self.receivers[i % len(self.receivers)], mfrom=self.senders[i % len(self.senders)],
                              mtype="chat", mbody="%s:%d" % (tag, time.monotonic_ns()))
            if i % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)


def main():
    host, port, domain, secret, senders = sys.argv[1:6]
    sender = ComponentSender(domain, secret, host, int(port), int(senders), sys.argv[6:])
    sender.connect()
    sender.loop.run_until_complete(sender.done)


if __name__ == "__main__":
    main()
