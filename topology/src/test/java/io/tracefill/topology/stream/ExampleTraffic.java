package io.tracefill.topology.stream;

import io.opentelemetry.proto.trace.v1.Span;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many concurrent copies of the bundled example (a frontend calling orders, seen by two app spans,
 * eBPF at both processes, both NICs, a MySQL call through syscall ids, and unrelated noise): copy
 * k has its own trace id, span ids, row ids, TCP sequences and syscall ids, and starts
 * {@code k × stepUs} later. Enough to load the stream with traces whose expected result the
 * offline engine computes.
 */
final class ExampleTraffic {
    private static final Pattern NUMBER_FIELD = Pattern.compile(
            "\"(_id|flow_id|req_tcp_seq|resp_tcp_seq|syscall_trace_id_request|syscall_trace_id_response|start_time|end_time|time)\": (\\d+)");
    private static final String ROOT_SPAN = "9f8e7d6c5b4a3210";
    private static final String CLIENT_SPAN = "a1b2c3d4e5f60718";

    record Record(byte[] key, byte[] value, long timestampMs) {
    }

    final List<Record> deepflow = new ArrayList<>();
    final List<Record> otlp = new ArrayList<>();
    final List<String> traceIds = new ArrayList<>();

    ExampleTraffic(int copies, long stepUs) {
        List<byte[]> rows = StreamFixture.exampleDeepFlowRecords();
        for (int k = 0; k < copies; k++) {
            String traceId = String.format("%08x", k) + StreamFixture.EXAMPLE_TRACE.substring(8);
            traceIds.add(traceId);
            long shift = k * stepUs;
            for (byte[] row : rows) {
                String line = renumber(new String(row, StandardCharsets.UTF_8), k, shift)
                        .replace(StreamFixture.EXAMPLE_TRACE, traceId)
                        .replace(CLIENT_SPAN, span(CLIENT_SPAN, k));
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                deepflow.add(new Record(null, value, (1718000000200000L + shift) / 1000));
            }
            byte[] spans = new OtlpRequests()
                    .span("frontend", "frontend-6d5f9c7b8-x2k4q", traceId, span(ROOT_SPAN, k), "",
                            Span.SpanKind.SPAN_KIND_SERVER, 1718000000110000L + shift, 1718000000150000L + shift)
                    .span("frontend", "frontend-6d5f9c7b8-x2k4q", traceId, span(CLIENT_SPAN, k), span(ROOT_SPAN, k),
                            Span.SpanKind.SPAN_KIND_CLIENT, 1718000000120000L + shift, 1718000000140000L + shift)
                    .bytes();
            otlp.add(new Record(traceId.getBytes(StandardCharsets.UTF_8), spans, (1718000000150000L + shift) / 1000));
        }
    }

    private static String span(String base, int k) {
        return String.format("%06x", k) + base.substring(6);
    }

    private static String renumber(String line, int k, long shift) {
        Matcher m = NUMBER_FIELD.matcher(line);
        return m.replaceAll(r -> {
            String field = r.group(1);
            long v = Long.parseLong(r.group(2));
            long out = switch (field) {
                case "_id", "flow_id" -> v + k * 100L;
                case "req_tcp_seq", "resp_tcp_seq", "syscall_trace_id_request", "syscall_trace_id_response" ->
                        v + k * 10_000L;
                case "start_time", "end_time" -> v + shift;
                default -> v + shift / 1_000_000L;
            };
            return "\"" + field + "\": " + out;
        });
    }

    List<byte[]> deepflowValues() {
        return deepflow.stream().map(Record::value).toList();
    }

    List<byte[]> otlpValues() {
        return otlp.stream().map(Record::value).toList();
    }
}
