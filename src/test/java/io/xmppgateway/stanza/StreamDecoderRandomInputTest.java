package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Hostile input at volume: real stanzas mutated (bytes flipped, markup inserted, cut short) and plain random bytes,
 * each fed in random chunks. Whatever arrives, the decoder yields elements or a stream error — never any other
 * exception — and never keeps more than its limits allow. Seeded, so a failure names the input that caused it.
 */
class StreamDecoderRandomInputTest {

    private static final byte[][] NOISE = {
            "<".getBytes(StandardCharsets.UTF_8), "&".getBytes(StandardCharsets.UTF_8),
            "<!DOCTYPE x [<!ENTITY e 'e'>]>".getBytes(StandardCharsets.UTF_8), "&e;".getBytes(StandardCharsets.UTF_8),
            "<!--".getBytes(StandardCharsets.UTF_8), "<?pi?>".getBytes(StandardCharsets.UTF_8),
            "</stream:stream>".getBytes(StandardCharsets.UTF_8), "<a>".repeat(40).getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, "\u0000".getBytes(StandardCharsets.UTF_8),
            "☃𝄞".getBytes(StandardCharsets.UTF_8), "xmlns:p='urn:p' p:a='1'".getBytes(StandardCharsets.UTF_8)};

    @Test
    void mutatedStanzasYieldElementsOrAStreamError() {
        byte[] golden = (StreamDecoderTest.HEADER + StreamDecoderTest.STANZAS).getBytes(StandardCharsets.UTF_8);
        for (long seed = 0; seed < 3_000; seed++) {
            Random random = new Random(seed);
            decode(mutate(golden, random), random, seed);
        }
    }

    @Test
    void randomBytesYieldAStreamError() {
        for (long seed = 0; seed < 1_000; seed++) {
            Random random = new Random(seed);
            byte[] input = new byte[1 + random.nextInt(4096)];
            random.nextBytes(input);
            decode(input, random, seed);
        }
    }

    private static void decode(byte[] input, Random random, long seed) {
        DecoderLimits limits = DecoderLimits.of(2048, 1024);
        StreamDecoder decoder = new StreamDecoder(limits, new StreamDecoder.Listener() {
            @Override
            public void streamOpened(Element header) {
            }

            @Override
            public void element(Element element, int wireBytes) {
                assertTrue(wireBytes <= limits.appLimitBytes(), "an element over the app limit was built, seed "
                        + seed);
            }

            @Override
            public void oversized(Element head, int wireBytes) {
                assertTrue(head.children().isEmpty(), "an oversized element kept its content, seed " + seed);
            }

            @Override
            public void streamClosed() {
            }
        });
        int position = 0;
        try {
            while (position < input.length) {
                int chunk = Math.min(input.length - position, 1 + random.nextInt(64));
                decoder.feed(input, position, chunk);
                position += chunk;
            }
        } catch (StreamErrorException expected) {
            // the one way a decoder may refuse input
        } catch (RuntimeException | AssertionError e) {
            fail("seed " + seed + ": " + e, e);
        }
    }

    private static byte[] mutate(byte[] golden, Random random) {
        byte[] out = golden.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                byte[] noise = NOISE[random.nextInt(NOISE.length)];
                int at = random.nextInt(out.length);
                byte[] grown = new byte[out.length + noise.length];
                System.arraycopy(out, 0, grown, 0, at);
                System.arraycopy(noise, 0, grown, at, noise.length);
                System.arraycopy(out, at, grown, at + noise.length, out.length - at);
                out = grown;
            }
            case 2 -> out = java.util.Arrays.copyOf(out, 1 + random.nextInt(out.length));
            default -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }
}
