package io.tracefill.workload;

import java.util.Locale;

/** The Collector Kafka exporter's {@code encoding} for traces, as the OTLP topic carries them. */
public enum OtlpEncoding {
    /** A serialized {@code ExportTraceServiceRequest} (the exporter's default). */
    OTLP_PROTO,
    /** OTLP/JSON with hex trace and span ids (not protobuf's JsonFormat, which writes base64). */
    OTLP_JSON;

    /** The configuration word: {@code otlp_proto} or {@code otlp_json}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The encoding a configuration word names. */
    public static OtlpEncoding of(String word) {
        for (OtlpEncoding e : values()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown OTLP encoding '" + word + "': expected otlp_proto or otlp_json");
    }
}
