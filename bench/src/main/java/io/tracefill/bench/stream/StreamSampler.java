package io.tracefill.bench.stream;

import io.tracefill.topology.stream.TaskSensors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Samples, twice a second while the pipeline runs, what the report needs from Kafka Streams'
 * metrics registry: flows ingested, RocksDB memory (the shared block cache, which
 * the write buffer manager charges the memtables to, and the memtables themselves), the
 * close-to-emit latency and the heap in use. Keeps the peaks.
 */
final class StreamSampler {
    private final KafkaStreams streams;
    private long flowsIn;
    private long peakBlockCache;
    private long peakMemTables;
    private long peakTableReaders;
    private double peakCloseToEmitMs;
    private double lastCloseToEmitAvgMs;
    private long peakHeapUsed;
    private final Map<String, Long> topicBytes = new TreeMap<>();
    private final Map<String, Long> topicRecords = new TreeMap<>();

    StreamSampler(KafkaStreams streams) {
        this.streams = streams;
    }

    void sample() {
        long flows = 0;
        long blockCache = 0;
        long memTables = 0;
        long tableReaders = 0;
        topicBytes.clear();
        topicRecords.clear();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            double v = number(e.getValue());
            if (Double.isNaN(v)) {
                continue;
            }
            if (n.group().equals(TaskSensors.GROUP)) {
                switch (n.name()) {
                    case "flows-in-total" -> flows += (long) v;
                    case "close-to-emit-latency-ms-max" -> peakCloseToEmitMs = Math.max(peakCloseToEmitMs, v);
                    case "close-to-emit-latency-ms-avg" -> lastCloseToEmitAvgMs = Math.max(lastCloseToEmitAvgMs, v);
                    default -> { }
                }
            } else if (n.group().equals("producer-topic-metrics") && n.name().equals("byte-total")) {
                topicBytes.merge(n.tags().get("topic"), (long) v, Long::sum);
            } else if (n.group().equals("producer-topic-metrics") && n.name().equals("record-send-total")) {
                topicRecords.merge(n.tags().get("topic"), (long) v, Long::sum);
            } else if (n.group().equals("stream-state-metrics")) {
                switch (n.name()) {
                    // one cache shared by every store: each store reports the same usage
                    case "block-cache-usage" -> blockCache = Math.max(blockCache, (long) v);
                    case "size-all-mem-tables" -> memTables += (long) v;
                    case "estimate-table-readers-mem" -> tableReaders += (long) v;
                    default -> { }
                }
            }
        }
        flowsIn = flows;
        peakBlockCache = Math.max(peakBlockCache, blockCache);
        peakMemTables = Math.max(peakMemTables, memTables);
        peakTableReaders = Math.max(peakTableReaders, tableReaders);
        Runtime rt = Runtime.getRuntime();
        peakHeapUsed = Math.max(peakHeapUsed, rt.totalMemory() - rt.freeMemory());
    }

    private static double number(Metric m) {
        Object v = m.metricValue();
        return v instanceof Number num ? num.doubleValue() : Double.NaN;
    }

    long flowsIn() {
        return flowsIn;
    }

    long peakBlockCacheBytes() {
        return peakBlockCache;
    }

    long peakMemTableBytes() {
        return peakMemTables;
    }

    long peakTableReaderBytes() {
        return peakTableReaders;
    }

    double peakCloseToEmitMs() {
        return peakCloseToEmitMs;
    }

    /** The largest per-task average seen in any sample window. */
    double worstCloseToEmitAvgMs() {
        return lastCloseToEmitAvgMs;
    }

    /** What the pipeline wrote, per topic: "records, MB" lines, most bytes first. */
    String writtenPerTopic() {
        StringBuilder b = new StringBuilder();
        topicBytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                b.append(String.format(java.util.Locale.ROOT, "  %-60s %,12d records %10.1f MB%n", e.getKey(),
                        topicRecords.getOrDefault(e.getKey(), 0L), e.getValue() / 1e6)));
        return b.toString();
    }

    long peakHeapUsedBytes() {
        return peakHeapUsed;
    }
}
