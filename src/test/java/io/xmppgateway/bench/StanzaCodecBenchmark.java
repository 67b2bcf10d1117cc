package io.xmppgateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.StreamDecoder;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * Decoding and encoding a typical ~300-byte chat message. Run with {@code ./mvnw -Pbench test-compile exec:exec@bench};
 * the figures are stanzas per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StanzaCodecBenchmark {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream from='example.org' id='s1' "
            + "version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    private Message message;
    private byte[] wire;
    private StreamDecoder decoder;

    @Setup
    public void setUp() throws StreamErrorException {
        message = Message.builder()
                .to(Jid.of("juliet@capulet.example/balcony"))
                .from(Jid.of("romeo@montague.example/orchard"))
                .id("b9f6c2a1-3e4d-4c2b-9f1a-7d8e6f5a4b3c")
                .type(MessageType.CHAT)
                .body("Wherefore art thou, Romeo? Deny thy father and refuse thy name; or, if thou wilt not, "
                        + "be but sworn my love, and I'll no longer be a Capulet.")
                .thread("e0ffe42b28561960c6b12b944a092794b9683a38")
                .build();
        wire = message.toXml().getBytes(StandardCharsets.UTF_8);
        decoder = new StreamDecoder(DecoderLimits.defaults(), new StreamDecoder.Listener() {
            @Override
            public void streamOpened(Element header) {
            }

            @Override
            public void element(Element element, int wireBytes) {
                sink = element;
            }

            @Override
            public void oversized(Element head, int wireBytes) {
            }

            @Override
            public void streamClosed() {
            }
        });
        decoder.feed(HEADER.getBytes(StandardCharsets.UTF_8));
    }

    private Element sink;

    /** One stanza off the wire into an element tree, on a long-lived stream as in production. */
    @Benchmark
    public Element decode() throws StreamErrorException {
        decoder.feed(wire);
        return sink;
    }

    /** One message view to its UTF-8 wire form. */
    @Benchmark
    public void encode(Blackhole blackhole) {
        blackhole.consume(message.toXml().getBytes(StandardCharsets.UTF_8));
    }
}
