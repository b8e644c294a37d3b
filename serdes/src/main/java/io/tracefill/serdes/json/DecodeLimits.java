package io.tracefill.serdes.json;

/**
 * Size bounds a decoder enforces before and while it parses, so a hostile or broken record
 * costs bounded memory and time and ends in a {@link DecodeException}.
 *
 * @param maxDocumentBytes longest accepted input, in bytes (UTF-8) or chars
 * @param maxStringLength  longest accepted string value or key: in UTF-8 bytes as written for the
 *                         row decoder (escapes count as written), in characters for the request decoder
 * @param maxNestingDepth  deepest accepted nesting of objects and arrays
 */
public record DecodeLimits(int maxDocumentBytes, int maxStringLength, int maxNestingDepth) {
    /**
     * 4 MiB documents, 1 MiB strings, depth 32: far above anything DeepFlow writes (its rows
     * are a few KiB; SQL text and payload excerpts are truncated by the agent) and still bounded.
     */
    public static final DecodeLimits DEFAULTS = new DecodeLimits(4 << 20, 1 << 20, 32);
    /** The deepest nesting a decoder can be configured to accept. */
    public static final int MAX_NESTING_DEPTH = 1000;

    public DecodeLimits {
        if (maxDocumentBytes < 2 || maxStringLength < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("limits must be positive (a document needs at least 2 bytes)");
        }
        if (maxNestingDepth > MAX_NESTING_DEPTH) {
            // nested values are skipped recursively: the bound keeps that far from the stack's end
            throw new IllegalArgumentException("maxNestingDepth must be at most " + MAX_NESTING_DEPTH);
        }
    }
}
