package io.tracefill.bench.stream;

import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.Topic;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills the input topics with a generated workload before anything is measured.
 *
 * @param traceIds       the trace id of every generated request: each must come out as a trace
 * @param deepflowRows   records on the DeepFlow topic (one row each)
 * @param otlpRecords    records on the OTLP topic
 * @param appSpans       spans inside those OTLP records
 * @param seconds        how long generating and sending took
 */
record InputLoad(Set<String> traceIds, long deepflowRows, long otlpRecords, long appSpans, double seconds) {

    /** Flows the pipeline processes: DeepFlow rows plus app spans. */
    long flows() {
        return deepflowRows + appSpans;
    }

    long records() {
        return deepflowRows + otlpRecords;
    }

    static InputLoad produce(String bootstrap, TopicNames topics, WorkloadSpec spec) {
        Set<String> traceIds = new HashSet<>();
        long[] appSpans = {0};
        long deepflow = 0;
        long otlp = 0;
        long started = System.nanoTime();
        // larger batches than the generate command's: this is a bulk load, not live traffic
        try (KafkaSink sink = new KafkaSink(bootstrap, topics, Map.of("linger.ms", 50))) {
            Workload w = Workload.generate(spec, truth -> {
                traceIds.add(truth.traceId());
                appSpans[0] += truth.appSpans();
            });
            while (w.hasNext()) {
                WireRecord r = w.next();
                sink.write(r);
                if (r.topic() == Topic.DEEPFLOW) {
                    deepflow++;
                } else {
                    otlp++;
                }
                if ((deepflow + otlp) % 200_000 == 0) {
                    System.err.printf("  produced %,d records%n", deepflow + otlp);
                }
            }
        }
        return new InputLoad(Set.copyOf(traceIds), deepflow, otlp, appSpans[0],
                (System.nanoTime() - started) / 1e9);
    }
}
