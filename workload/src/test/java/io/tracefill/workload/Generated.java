package io.tracefill.workload;

import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.otlp.DecodedBatch;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A workload generated in full and decoded with the pipeline's own decoders. */
record Generated(WorkloadSpec spec, List<WireRecord> records, List<TraceTruth> traces, List<Flow> deepflowRows,
                 Map<String, List<Flow>> appSpansByTrace) {

    static Generated of(WorkloadSpec spec) {
        List<TraceTruth> traces = new ArrayList<>();
        List<WireRecord> records = Workload.generate(spec, traces::add).stream().toList();
        List<Flow> rows = new ArrayList<>();
        Map<String, List<Flow>> spans = new LinkedHashMap<>();
        FlowRowDecoder rowDecoder = new FlowRowDecoder();
        OtlpSpanDecoder spanDecoder = new OtlpSpanDecoder();
        try {
            for (WireRecord r : records) {
                if (r.topic() == Topic.DEEPFLOW) {
                    rows.add(rowDecoder.decode(r.value()));
                } else {
                    DecodedBatch b = spec.otlpEncoding() == OtlpEncoding.OTLP_PROTO
                            ? spanDecoder.decodeProtoBatch(r.value()) : spanDecoder.decodeJsonBatch(r.value());
                    spans.computeIfAbsent(r.keyText(), k -> new ArrayList<>()).addAll(b.flowsOrThrow());
                }
            }
        } catch (DecodeException e) {
            throw new AssertionError("a generated record does not decode: " + e.getMessage(), e);
        }
        return new Generated(spec, records, List.copyOf(traces), rows, spans);
    }

    List<WireRecord> records(Topic topic) {
        return records.stream().filter(r -> r.topic() == topic).toList();
    }
}
