package io.tracefill.topology.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StopAtOffsetsTest {
    private static final TopicPartition OTLP_0 = new TopicPartition("otlp_spans", 0);
    private static final TopicPartition INDEX_0 = new TopicPartition("tracefill-index-in", 0);

    private static List<ConsumerRecord<byte[], byte[]>> records(TopicPartition tp, long from, long to) {
        return LongStream.range(from, to).mapToObj(o -> new ConsumerRecord<>(tp.topic(), tp.partition(), o,
                new byte[0], new byte[] {(byte) o})).toList();
    }

    private static StopAtOffsets interceptor(String stops) {
        StopAtOffsets s = new StopAtOffsets();
        // what the main consumer is given: Kafka Streams strips the main.consumer. prefix
        s.configure(Map.of("tracefill.replay.stop-offsets", stops, "client.id", "x"));
        return s;
    }

    @Test
    void hidesRecordsAtOrBeyondTheStopOffsetAndCapsTheNextOffset() {
        var in = new ConsumerRecords<>(Map.of(OTLP_0, records(OTLP_0, 5, 12)),
                Map.of(OTLP_0, new OffsetAndMetadata(12, Optional.of(3), "")));

        var out = interceptor("otlp_spans:0:8").onConsume(in);

        assertThat(out.records(OTLP_0)).extracting(ConsumerRecord::offset).containsExactly(5L, 6L, 7L);
        assertThat(out.nextOffsets().get(OTLP_0).offset()).isEqualTo(8);
        assertThat(out.nextOffsets().get(OTLP_0).leaderEpoch()).contains(3);
    }

    @Test
    void leavesPartitionsWithoutAStopUntouched() {
        var in = new ConsumerRecords<>(Map.of(INDEX_0, records(INDEX_0, 0, 4), OTLP_0, records(OTLP_0, 9, 11)),
                Map.of(INDEX_0, new OffsetAndMetadata(4), OTLP_0, new OffsetAndMetadata(11)));

        var out = interceptor("otlp_spans:0:8,otlp_spans:1:3").onConsume(in);

        assertThat(out.records(INDEX_0)).hasSize(4);
        assertThat(out.nextOffsets().get(INDEX_0).offset()).isEqualTo(4);
        assertThat(out.records(OTLP_0)).isEmpty();
        assertThat(out.partitions()).containsExactly(INDEX_0);
        assertThat(out.nextOffsets().get(OTLP_0).offset()).isEqualTo(8);
    }

    @Test
    void readsTheStopsKafkaStreamsPassesAndRefusesJunk() {
        assertThat(StopAtOffsets.parse("a.b-c_d:2:40, e:0:0")).containsOnly(
                Map.entry(new TopicPartition("a.b-c_d", 2), 40L), Map.entry(new TopicPartition("e", 0), 0L));
        assertThat(StopAtOffsets.parse("")).isEmpty();
        assertThatThrownBy(() -> StopAtOffsets.parse("topic:1")).hasMessageContaining("topic:partition:offset");
    }
}
