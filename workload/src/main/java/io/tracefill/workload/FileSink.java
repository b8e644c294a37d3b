package io.tracefill.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Records as JSON lines, one record per line, in the order written:
 *
 * <pre>
 * {"topic":"otlp_spans","timestamp":1700000001200,"key":"06b3…0d7f","value_base64":"CqkG…"}
 * {"topic":"deepflow.flow_log.l7_flow_log","timestamp":1700000000494,"key":null,"value":"{\"datasource\":…}"}
 * </pre>
 *
 * <ul>
 *   <li>{@code topic}: the topic name ({@link TopicNames}) the record is meant for;</li>
 *   <li>{@code timestamp}: the record timestamp, ms since the epoch;</li>
 *   <li>{@code key}: the key as text, or null when the record has none; {@code key_base64} instead
 *       when the key is not UTF-8 text;</li>
 *   <li>{@code value}: the value as text when it is UTF-8 (DeepFlow rows and {@code otlp_json} are
 *       JSON, carried as a JSON string: {@code jq -r .value} prints it), else {@code value_base64}
 *       (standard Base64 of the bytes, e.g. {@code otlp_proto}).</li>
 * </ul>
 *
 * Both forms give back the exact bytes ({@link #readAll}), so a file replays byte for byte.
 */
public final class FileSink implements RecordSink {
    private static final JsonFactory JSON = new JsonFactory();

    private final TopicNames topics;
    private final OutputStream out;
    private final JsonGenerator g;

    /** Creates or truncates {@code file}. */
    public FileSink(Path file, TopicNames topics) throws IOException {
        this(Files.newOutputStream(file), topics);
    }

    /** Writes to {@code out} (standard output, say), and closes it when closed. */
    public FileSink(OutputStream out, TopicNames topics) throws IOException {
        this.topics = topics;
        this.out = out;
        this.g = JSON.createGenerator(out);
        g.setRootValueSeparator(null);
    }

    @Override
    public void write(WireRecord r) {
        try {
            g.writeStartObject();
            g.writeStringField("topic", topics.of(r.topic()));
            g.writeNumberField("timestamp", r.timestampMs());
            bytes("key", r.key());
            bytes("value", r.value());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record file: " + e.getMessage(), e);
        }
    }

    private void bytes(String field, byte[] b) throws IOException {
        if (b == null) {
            g.writeNullField(field);
            return;
        }
        String text = utf8(b);
        if (text != null) {
            g.writeStringField(field, text);
        } else {
            g.writeStringField(field + "_base64", Base64.getEncoder().encodeToString(b));
        }
    }

    /** The text of strictly valid UTF-8, or null. */
    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try (out) {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record file: " + e.getMessage(), e);
        }
    }

    /**
     * The records of a file written by this sink, in file order.
     *
     * @throws IOException for unreadable files and lines that are not records (with the line number)
     */
    public static List<WireRecord> readAll(Path file, TopicNames topics) throws IOException {
        List<WireRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    records.add(parse(line, topics, file + ":" + n));
                }
            }
        }
        return records;
    }

    private static WireRecord parse(String line, TopicNames topics, String where) throws IOException {
        Topic topic = null;
        Long timestamp = null;
        byte[] key = null;
        byte[] value = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(where + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "topic" -> {
                        topic = topics.topicOf(p.getValueAsString());
                        if (topic == null) {
                            throw new IOException(where + ": topic '" + p.getText() + "' is neither " + topics.otlp()
                                    + " nor " + topics.deepflow());
                        }
                    }
                    case "timestamp" -> timestamp = p.getLongValue();
                    case "key" -> key = t == JsonToken.VALUE_NULL ? null : p.getText().getBytes(StandardCharsets.UTF_8);
                    case "key_base64" -> key = Base64.getDecoder().decode(p.getText());
                    case "value" -> value = p.getText().getBytes(StandardCharsets.UTF_8);
                    case "value_base64" -> value = Base64.getDecoder().decode(p.getText());
                    default -> p.skipChildren();
                }
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        if (topic == null || timestamp == null || value == null) {
            throw new IOException(where + ": a record needs topic, timestamp and value (or value_base64)");
        }
        return new WireRecord(topic, key, value, timestamp);
    }
}
