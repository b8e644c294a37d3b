package io.tracefill.topology.cli;

import io.tracefill.topology.testkit.EmbeddedKafka;
import io.tracefill.topology.testkit.TopicReader;
import io.tracefill.workload.KafkaSink;
import io.tracefill.workload.OtlpEncoding;
import io.tracefill.workload.Topic;
import io.tracefill.workload.TopicNames;
import io.tracefill.workload.WireRecord;
import io.tracefill.workload.Workload;
import io.tracefill.workload.WorkloadSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated traffic on a real broker: every record once, with its key and timestamp, each trace in order. */
class GenerateToKafkaTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final WorkloadSpec SPEC = WorkloadSpec.of(4, 20, Duration.ofSeconds(3), 1_718_000_000_000_000L)
            .withOtlpEncoding(OtlpEncoding.OTLP_JSON); // text values, so the topics read back as strings

    /** What a record says, comparable across the trip (value as text: both topics hold JSON here). */
    private record Seen(String key, String value, long timestamp) {
        static Seen of(WireRecord r) {
            return new Seen(r.keyText(), new String(r.value(), StandardCharsets.UTF_8), r.timestampMs());
        }

        static Seen of(ConsumerRecord<String, String> r) {
            return new Seen(r.key(), r.value(), r.timestamp());
        }
    }

    @Test
    void kafkaSinkWritesEveryRecordOnceWithItsKeyAndTimestampAndEachTraceInOrder() throws Exception {
        TopicNames topics = new TopicNames("sink.otlp", "sink.deepflow");
        KAFKA.createTopic(topics.otlp(), 3);
        KAFKA.createTopic(topics.deepflow(), 2);
        List<WireRecord> generated = Workload.generate(SPEC).stream().toList();

        try (KafkaSink sink = new KafkaSink(KAFKA.bootstrapServers(), topics)) {
            generated.forEach(sink::write);
            sink.flush();
            assertThat(sink.acknowledged()).isEqualTo(generated.size());
        }

        TopicReader reader = TopicReader.readUncommitted(KAFKA.bootstrapServers());
        List<Seen> otlp = reader.readToEnd(topics.otlp(), TIMEOUT).stream().map(Seen::of).toList();
        List<Seen> rows = reader.readToEnd(topics.deepflow(), TIMEOUT).stream().map(Seen::of).toList();
        assertThat(otlp).containsExactlyInAnyOrderElementsOf(seen(generated, Topic.OTLP));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(seen(generated, Topic.DEEPFLOW));
        assertThat(rows).allSatisfy(r -> assertThat(r.key()).isNull());
        // keyed by trace id: one partition per trace, so a trace's records keep their order
        Map<String, List<Seen>> byTrace = otlp.stream().collect(Collectors.groupingBy(Seen::key));
        seen(generated, Topic.OTLP).stream().collect(Collectors.groupingBy(Seen::key))
                .forEach((trace, sent) -> assertThat(byTrace.get(trace)).containsExactlyElementsOf(sent));
    }

    @Test
    void generateToTopicsSendsTheWorkloadToTheNamedTopics() {
        CliRun run = CliRun.of("generate", "--out", "topics", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--otlp-topic", "cli.otlp", "--deepflow-topic", "cli.deepflow", "--rate", "20", "--duration", "3s",
                "--seed", "4", "--start-time", "1718000000000000", "--otlp-encoding", "otlp_json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<WireRecord> generated = Workload.generate(SPEC).stream().toList();
        TopicReader reader = TopicReader.readUncommitted(KAFKA.bootstrapServers());
        assertThat(reader.readToEnd("cli.otlp", TIMEOUT)).map(Seen::of)
                .containsExactlyInAnyOrderElementsOf(seen(generated, Topic.OTLP));
        assertThat(reader.readToEnd("cli.deepflow", TIMEOUT)).map(Seen::of)
                .containsExactlyInAnyOrderElementsOf(seen(generated, Topic.DEEPFLOW));
        assertThat(run.err()).contains("to Kafka at " + KAFKA.bootstrapServers());
    }

    private static List<Seen> seen(List<WireRecord> records, Topic topic) {
        return records.stream().filter(r -> r.topic() == topic).map(Seen::of).toList();
    }
}
