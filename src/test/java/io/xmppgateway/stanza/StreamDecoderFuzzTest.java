package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer: whatever bytes arrive, in whatever chunks, the decoder yields
 * elements within its limits or a stream error, and nothing else. In the normal test run this replays the saved
 * inputs in {@code src/test/resources/io/xmppgateway/stanza/StreamDecoderFuzzTestInputs/}; to fuzz for longer:
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=StreamDecoderFuzzTest} (new crashing inputs are saved there).
 */
class StreamDecoderFuzzTest {

    private static final DecoderLimits LIMITS = DecoderLimits.of(4096, 1024);

    @FuzzTest(maxDuration = "60s")
    void decodesOrRefuses(FuzzedDataProvider data) {
        StreamDecoder decoder = new StreamDecoder(LIMITS, new StreamDecoder.Listener() {
            @Override
            public void streamOpened(Element header) {
            }

            @Override
            public void element(Element element, int wireBytes) {
                assertTrue(wireBytes <= LIMITS.appLimitBytes());
            }

            @Override
            public void oversized(Element head, int wireBytes) {
                assertTrue(head.children().isEmpty());
            }

            @Override
            public void streamClosed() {
            }
        });
        try {
            while (data.remainingBytes() > 0) {
                byte[] chunk = data.consumeBytes(data.consumeInt(1, 256));
                decoder.feed(chunk);
            }
        } catch (StreamErrorException refused) {
            // the one way the decoder may refuse input
        }
    }
}
