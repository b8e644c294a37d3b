package io.tracefill.serdes.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.tracefill.serdes.kafka.Rows.EXPORTER_CODES;
import static io.tracefill.serdes.kafka.Rows.EXPORTER_NAMES;
import static io.tracefill.serdes.kafka.Rows.QUERIER_S_P;
import static io.tracefill.serdes.kafka.Rows.utf8;

/** Values DeepFlow's topic might carry that are not rows, each with the field and reason the decoder gives. */
final class BadRecords {
    /**
     * @param what   a name for test output
     * @param value  the record value, possibly null
     * @param field  the field the dead letter must name, or null for the whole record
     * @param reason text the reason header must contain
     */
    record Bad(String what, byte[] value, String field, String reason) {
        @Override
        public String toString() {
            return what;
        }
    }

    private BadRecords() {
    }

    private static int indexOf(byte[] b, String ascii) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(ascii);
    }

    static List<Bad> all() {
        byte[] sample = Rows.compact(EXPORTER_NAMES);
        byte[] garbage = new byte[300];
        new SplittableRandom(99).nextBytes(garbage);
        garbage[0] = (byte) 0x9f; // not '{', so never accidentally JSON
        return List.of(
                new Bad("malformed JSON", utf8("{\"_id\":1,,\"start_time\":1}"), null, "malformed JSON"),
                new Bad("truncated row", Arrays.copyOf(sample, indexOf(sample, "5c1f0a7d") + 4), "trace_id",
                        "malformed JSON: unterminated string"),
                new Bad("garbage bytes", garbage, null, "malformed JSON"),
                new Bad("empty value", new byte[0], null, "empty input"),
                new Bad("null value", null, null, "null value (a tombstone"),
                new Bad("JSON array", utf8("[1,2]"), null, "expected a JSON object, got array"),
                new Bad("number for a string", Rows.edit(EXPORTER_NAMES, r -> r.put("trace_id", 12)), "trace_id",
                        "expected a string, got number"),
                new Bad("string for a number", Rows.edit(EXPORTER_CODES, r -> r.put("req_tcp_seq", "5")), "req_tcp_seq",
                        "expected an integer, got string"),
                new Bad("object for an id", Rows.edit(EXPORTER_NAMES, r -> r.putObject("_id")), "_id", "got object"),
                new Bad("missing _id", Rows.edit(EXPORTER_NAMES, r -> r.remove("_id")), "_id", "missing"),
                new Bad("negative start time", Rows.edit(EXPORTER_NAMES, r -> r.put("start_time", -5)), "start_time",
                        "must not be negative"),
                new Bad("year 3000", Rows.edit(EXPORTER_NAMES, r -> {
                    r.put("start_time", 32_503_680_000_000_000L);
                    r.put("end_time", 32_503_680_000_000_001L);
                }), "start_time", "after the year 2300"),
                new Bad("end before start", Rows.edit(EXPORTER_NAMES, r -> r.put("end_time", 1_718_000_000_000_000L)),
                        "end_time", "before the start time"),
                new Bad("huge string", Rows.edit(EXPORTER_NAMES, r -> r.put("request_resource", "/" + "a".repeat(2 << 20))),
                        "request_resource", "too large"),
                new Bad("invalid UTF-8", Rows.replace(sample, utf8("\"POST\""), new byte[]{'"', 'P', (byte) 0xc3, '(', '"'}),
                        "request_type", "UTF-8"),
                new Bad("unpaired surrogate escape", Rows.replace(Rows.compact(QUERIER_S_P), utf8("\"java\""),
                        utf8("\"j\\ud800\"")), "process_kname_1", "surrogate"),
                new Bad("unknown observation point", Rows.edit(EXPORTER_NAMES, r -> r.put("observation_point", "Sidecar")),
                        "observation_point", "unknown observation point 'Sidecar'"));
    }
}
