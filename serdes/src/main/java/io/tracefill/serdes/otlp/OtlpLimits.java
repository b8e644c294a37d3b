package io.tracefill.serdes.otlp;

import io.tracefill.serdes.json.DecodeLimits;

/**
 * Bounds of the OTLP decoder.
 *
 * @param decode            record size (bytes of the Kafka value), longest string (in characters;
 *                          a longer name, attribute key or value, or status message rejects its
 *                          span) and deepest nesting (JSON: of the whole document, a deeper one is
 *                          refused whole; protobuf: message nesting inside one span or resource,
 *                          a deeper one rejects that span or resource)
 * @param maxSpansPerRecord most spans one record may hold; a record with more is refused whole
 */
public record OtlpLimits(DecodeLimits decode, int maxSpansPerRecord) {
    /**
     * 4 MiB records (the Collector's Kafka exporter writes at most 1 MB by default), 1 MiB strings,
     * nesting depth 64, 20 000 spans per record (a Collector batch of 8192 spans fits twice).
     */
    public static final OtlpLimits DEFAULTS = new OtlpLimits(new DecodeLimits(4 << 20, 1 << 20, 64), 20_000);

    public OtlpLimits {
        if (decode == null) {
            throw new IllegalArgumentException("decode limits are required");
        }
        if (maxSpansPerRecord < 1) {
            throw new IllegalArgumentException("maxSpansPerRecord must be positive");
        }
    }
}
