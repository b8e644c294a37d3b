package io.tracefill.topology.stream;

import io.tracefill.topology.config.StreamSettings;
import io.tracefill.topology.stream.ingest.InputProgress;
import io.tracefill.topology.stream.ingest.InputProgress.Answer;
import io.tracefill.topology.stream.message.StreamMessage;
import io.tracefill.topology.stream.message.StreamMessageCodec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest partition that went quiet reports itself idle only when it has been read to its end:
 * the answer of {@link InputProgress}, scripted here (TopologyTestDriver has no broker to ask).
 */
class IdleDetectionTopologyTest {
    @TempDir
    Path stateDir;

    private final ScriptedProgress progress = new ScriptedProgress();
    private final StreamMessageCodec codec = new StreamMessageCodec();
    private StreamSettings settings;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> deepflow;
    private TestInputTopic<byte[], byte[]> otlp;
    private TestOutputTopic<byte[], byte[]> output;
    private TestOutputTopic<byte[], byte[]> indexIn;

    /** Answers per topic (caught up unless set) and remembers what it was asked. */
    private static final class ScriptedProgress implements InputProgress {
        final Map<String, Answer> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Answer caughtUp(String topic, int partition, OptionalLong nextOffset) {
            asked.add(topic + ":" + partition + "@" + (nextOffset.isPresent() ? nextOffset.getAsLong() : "none"));
            return answers.getOrDefault(topic, Answer.CAUGHT_UP);
        }
    }

    @BeforeEach
    void start() {
        settings = StreamFixture.settings(Map.of());
        driver = StreamFixture.driver(TopologyFactory.build(settings, 1, 1, progress), settings, stateDir);
        var in = new ByteArraySerializer();
        var out = new ByteArrayDeserializer();
        deepflow = driver.createInputTopic(settings.deepflowTopic(), in, in);
        otlp = driver.createInputTopic(settings.otlpTopic(), in, in);
        output = driver.createOutputTopic(settings.outputTopic(), out, out);
        indexIn = driver.createOutputTopic(settings.indexTopic(), out, out);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void pipeExample() {
        StreamFixture.pipeExample(deepflow, otlp);
    }

    /** Two idle intervals of wall-clock time: the first may still count the piped records. */
    private void goQuiet() {
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
    }

    /** The idle ticks the DeepFlow ingest sent to the index. */
    private List<StreamMessage.Tick> idleTicks() throws Exception {
        List<StreamMessage.Tick> ticks = new ArrayList<>();
        for (byte[] value : indexIn.readValuesToList()) {
            if (codec.decode(value) instanceof StreamMessage.Tick t && t.idle()) {
                ticks.add(t);
            }
        }
        return ticks;
    }

    @Test
    @DisplayName("a quiet partition that still has unread records sends no idle tick; once read to its end it does")
    void quietButBehindPartitionStaysActive() throws Exception {
        progress.answers.put(settings.deepflowTopic(), Answer.BEHIND);
        pipeExample();
        goQuiet();

        assertThat(idleTicks()).isEmpty();
        assertThat(output.isEmpty()).as("the index waits for the DeepFlow partition").isTrue();
        assertThat(metric("idle-behind-total")).isGreaterThan(0.0);

        progress.answers.put(settings.deepflowTopic(), Answer.CAUGHT_UP);
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));

        assertThat(idleTicks()).hasSize(1);
        byte[] expected = StreamFixture.offline(settings, StreamFixture.exampleDeepFlowRecords(),
                List.of(StreamFixture.exampleOtlpRecord())).get(StreamFixture.EXAMPLE_TRACE);
        assertThat(output.readValuesToList()).containsExactly(expected);
    }

    @Test
    @DisplayName("when the partition's end cannot be read the partition stays active, and the failed check is counted")
    void unknownEndKeepsThePartitionActive() throws Exception {
        progress.answers.put(settings.deepflowTopic(), Answer.UNKNOWN);
        pipeExample();
        goQuiet();

        assertThat(idleTicks()).isEmpty();
        assertThat(output.isEmpty()).isTrue();
        assertThat(metric("idle-unknown-total")).isGreaterThan(0.0);
        assertThat(metric("idle-behind-total")).isZero();
    }

    @Test
    @DisplayName("asks with the offset after the last record processed, nothing before the first record, and not while records flow")
    void asksWithTheNextOffset() {
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
        assertThat(progress.asked).containsExactlyInAnyOrder(settings.deepflowTopic() + ":0@none",
                settings.otlpTopic() + ":0@none");

        progress.asked.clear();
        progress.answers.put(settings.deepflowTopic(), Answer.BEHIND);
        progress.answers.put(settings.otlpTopic(), Answer.BEHIND);
        pipeExample();
        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
        assertThat(progress.asked).as("both partitions processed records in the interval").isEmpty();

        driver.advanceWallClockTime(Duration.ofMillis(settings.idleFlushMs()));
        int rows = StreamFixture.exampleDeepFlowRecords().size();
        assertThat(progress.asked).containsExactlyInAnyOrder(settings.deepflowTopic() + ":0@" + rows,
                settings.otlpTopic() + ":0@1");
    }

    @Test
    @DisplayName("an idle partition is not asked again until a record makes it active")
    void idlePartitionIsNotAskedAgain() {
        pipeExample();
        goQuiet();
        progress.asked.clear();
        goQuiet();
        assertThat(progress.asked).isEmpty();
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(TaskSensors.GROUP) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }
}
