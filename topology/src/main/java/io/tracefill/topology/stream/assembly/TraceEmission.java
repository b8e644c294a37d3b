package io.tracefill.topology.stream.assembly;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.serdes.otlp.OtlpTraceEncoder;
import io.tracefill.serdes.otlp.TracesDataJsonWriter;
import io.tracefill.topology.config.StreamSettings.OutputFormat;

import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A completed trace as output records. The first emission of a trace carries every span; a
 * later one (after late app spans re-opened the trace) carries in OTLP only the spans whose ids
 * were not emitted before — Jaeger and Tempo join spans of one trace id across records, and a
 * span sent twice would show twice in Jaeger. API JSON, read as "the latest version of the
 * trace", always carries the whole trace.
 *
 * @param key          record key: the trace id as 32 lowercase hex digits
 * @param value        the output record (null when a re-emission has no new span)
 * @param apiJson      the trace as the API's JSON envelope, when asked for
 * @param spanIds      OTLP span ids emitted so far, this emission's included
 */
public record TraceEmission(String key, byte[] value, byte[] apiJson, Set<String> spanIds, int newSpans) {

    private static final OtlpTraceEncoder OTLP = new OtlpTraceEncoder();
    private static final TracingResponseEncoder API = new TracingResponseEncoder(ResponseType.TRACING_COMPLETION, false);

    public static TraceEmission of(TracingResult result, Set<String> alreadyEmitted, OutputFormat format,
                                   boolean withApiJson) {
        TracesData all = OTLP.encode(result);
        Set<String> ids = new LinkedHashSet<>(alreadyEmitted);
        int before = ids.size();
        int spans = 0;
        for (ResourceSpans rs : all.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    ids.add(HexFormat.of().formatHex(span.getSpanId().toByteArray()));
                    spans++;
                }
            }
        }
        int added = ids.size() - before;
        // the usual case, a first emission: every span is new and the encoded trace goes out as it is
        TracesData out = added == spans ? all : onlyNew(all, alreadyEmitted);
        String key = OtlpTraceEncoder.kafkaKey(all);
        byte[] api = withApiJson || format == OutputFormat.API_JSON ? API.encode(result) : null;
        byte[] value = switch (format) {
            case OTLP_PROTO -> added == 0 ? null : out.toByteArray();
            case OTLP_JSON -> added == 0 ? null : TracesDataJsonWriter.write(out);
            case API_JSON -> added == 0 ? null : api;
        };
        return new TraceEmission(key, value, withApiJson ? api : null, ids, added);
    }

    /** The trace without the spans emitted before, and without any span id seen twice. */
    private static TracesData onlyNew(TracesData all, Set<String> alreadyEmitted) {
        Set<String> ids = new LinkedHashSet<>(alreadyEmitted);
        TracesData.Builder fresh = TracesData.newBuilder();
        for (ResourceSpans rs : all.getResourceSpansList()) {
            ResourceSpans.Builder r = rs.toBuilder().clearScopeSpans();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                ScopeSpans.Builder s = ss.toBuilder().clearSpans();
                for (Span span : ss.getSpansList()) {
                    if (ids.add(HexFormat.of().formatHex(span.getSpanId().toByteArray()))) {
                        s.addSpans(span);
                    }
                }
                if (s.getSpansCount() > 0) {
                    r.addScopeSpans(s);
                }
            }
            if (r.getScopeSpansCount() > 0) {
                fresh.addResourceSpans(r);
            }
        }
        return fresh.build();
    }
}
