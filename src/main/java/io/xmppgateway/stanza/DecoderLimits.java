package io.xmppgateway.stanza;

/**
 * What the {@link StreamDecoder} accepts from a peer. Aalto enforces none of these itself, so without them a peer
 * could make the process hold unbounded memory.
 *
 * @param maxStanzaBytes   hard cap on one top-level element on the wire; above it the stream is closed with
 *                         {@code policy-violation}
 * @param appLimitBytes    stanzas above this many bytes are reported as oversized (head only) and the stream stays
 * @param maxDepth         element nesting, counting {@code <stream:stream>} as 1
 * @param maxAttributes    attributes on one element, namespace declarations included
 * @param maxElements      elements in one stanza
 * @param maxAttributeChars characters in one attribute value
 * @param maxNameChars     characters in one element or attribute name
 * @param maxNames         distinct element and attribute names (prefix included) in one stream: the parser keeps
 *                         every name it meets until the stream ends
 */
public record DecoderLimits(int maxStanzaBytes, int appLimitBytes, int maxDepth, int maxAttributes,
                            int maxElements, int maxAttributeChars, int maxNameChars, int maxNames) {

    public static final int DEFAULT_MAX_STANZA_BYTES = 512 * 1024;
    public static final int DEFAULT_APP_LIMIT_BYTES = 100 * 1024;

    public DecoderLimits {
        if (appLimitBytes > maxStanzaBytes) {
            throw new IllegalArgumentException("the app limit (" + appLimitBytes
                    + " bytes) must not exceed the stanza cap (" + maxStanzaBytes + " bytes)");
        }
    }

    public static DecoderLimits defaults() {
        return of(DEFAULT_MAX_STANZA_BYTES, DEFAULT_APP_LIMIT_BYTES);
    }

    /** The default structural limits with these size limits. */
    public static DecoderLimits of(int maxStanzaBytes, int appLimitBytes) {
        return new DecoderLimits(maxStanzaBytes, appLimitBytes, 32, 64, 1024, 10 * 1024, 1024, 4096);
    }
}
