package io.tracefill.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSinkTest {
    private static final TopicNames TOPICS = new TopicNames("apps", "flows");
    private static final WorkloadSpec SPEC = WorkloadSpec.of(5, 10, Duration.ofSeconds(3),
            WorkloadSpec.DEFAULT_START_US);

    private static List<WireRecord> write(Path file, WorkloadSpec spec) {
        List<WireRecord> records = Workload.generate(spec).stream().toList();
        try (FileSink sink = new FileSink(file, TOPICS)) {
            records.forEach(sink::write);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return records;
    }

    @Test
    void aFileReadsBackAsTheSameRecordsByteForByte(@TempDir Path dir) throws Exception {
        for (OtlpEncoding encoding : OtlpEncoding.values()) {
            Path file = dir.resolve(encoding.word() + ".jsonl");
            List<WireRecord> written = write(file, SPEC.withOtlpEncoding(encoding));

            assertThat(FileSink.readAll(file, TOPICS)).isEqualTo(written);
        }
    }

    @Test
    void eachLineIsOneRecordWithItsTopicTimestampKeyAndValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("records.jsonl");
        List<WireRecord> written = write(file, SPEC);
        List<String> lines = Files.readAllLines(file);
        ObjectMapper json = new ObjectMapper();

        assertThat(lines).hasSameSizeAs(written);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            WireRecord r = written.get(i);
            assertThat(line.get("timestamp").asLong()).isEqualTo(r.timestampMs());
            if (r.topic() == Topic.DEEPFLOW) {
                assertThat(line.get("topic").asText()).isEqualTo("flows");
                assertThat(line.get("key").isNull()).isTrue();
                // the row itself, as text: jq -r .value prints it
                assertThat(json.readTree(line.get("value").asText()).get("datasource").asText())
                        .isEqualTo("flow_log.l7_flow_log");
            } else {
                assertThat(line.get("topic").asText()).isEqualTo("apps");
                assertThat(line.get("key").asText()).isEqualTo(r.keyText()).hasSize(32);
                assertThat(Base64.getDecoder().decode(line.get("value_base64").asText())).isEqualTo(r.value());
            }
        }
    }

    @Test
    void aLineThatIsNoRecordIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"topic\":\"flows\",\"timestamp\":1,\"key\":null,\"value\":\"{}\"}\n"
                + "{\"topic\":\"elsewhere\",\"timestamp\":1,\"value\":\"{}\"}\n");

        assertThatThrownBy(() -> FileSink.readAll(file, TOPICS)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.jsonl:2: topic 'elsewhere' is neither apps nor flows");
    }
}
