package io.tracefill.serdes.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sends a record that cannot be deserialized to a dead-letter topic, unchanged, and lets the
 * stream go on ({@link Response#resume(List)}): bad input never stops the application and is
 * never dropped silently.
 *
 * <p>The dead letter has the record's key and value bytes as they were read, its timestamp (event
 * time: never the handler's clock), its headers, then the headers of {@link DeadLetterHeaders}
 * (reason, field, exception, source topic, partition, offset, timestamp). The partition is left
 * to the producer, so the dead-letter topic may have any number of partitions. A record that had
 * no timestamp (-1) gets none, so the producer stamps it; its header keeps the -1.
 *
 * <p>Kafka Streams writes the dead letter with the task's producer, so under
 * {@code exactly_once_v2} it commits atomically with the task's offsets; the topic must exist
 * (or be auto-created). Streams also logs each skipped record and counts it in its task metric
 * {@code dropped-records-total}.
 *
 * <h2>Configuration</h2> (through the Streams properties, which Streams passes to
 * {@link #configure(Map)}):
 * <ul>
 *   <li>{@value #TOPIC_CONFIG}: the dead-letter topic; else Streams' own
 *       {@code errors.dead.letter.queue.topic.name} if set; else {@value #DEFAULT_TOPIC}.</li>
 *   <li>{@value #LISTENER_CONFIG}: a {@link DeadLetterListener} told of each dead letter, given as
 *       an instance (put the object itself into the properties, so that every stream thread's
 *       handler shares it, e.g. one {@link DeadLetterMetrics}), a {@code Class}, or a class name
 *       (one instance per handler). Optional.</li>
 * </ul>
 * Enable it with {@code deserialization.exception.handler = io.tracefill.serdes.kafka.DeadLetterHandler}.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    /** Config key of the dead-letter topic. */
    public static final String TOPIC_CONFIG = "tracefill.dead.letters.topic";
    /** Config key of the optional {@link DeadLetterListener}. */
    public static final String LISTENER_CONFIG = "tracefill.dead.letters.listener";
    /** The dead-letter topic when none is configured. */
    public static final String DEFAULT_TOPIC = "tracefill.dead-letters";

    private static final DeadLetterListener NO_LISTENER = letter -> { };

    private String topic = DEFAULT_TOPIC;
    private DeadLetterListener listener = NO_LISTENER;

    @Override
    public void configure(Map<String, ?> configs) {
        Object own = configs.get(TOPIC_CONFIG);
        Object streams = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        Object chosen = own != null ? own : streams;
        if (chosen != null) {
            String name = chosen.toString().strip();
            if (name.isEmpty()) {
                throw new ConfigException(own != null ? TOPIC_CONFIG : StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                        chosen, "the dead-letter topic name must not be empty");
            }
            topic = name;
        }
        listener = listener(configs.get(LISTENER_CONFIG));
    }

    /** The dead-letter topic in use. */
    public String topic() {
        return topic;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        DeadLetter letter = DeadLetter.of(record, exception);
        ProducerRecord<byte[], byte[]> out = deadLetterRecord(record, letter);
        try {
            listener.onDeadLetter(letter);
        } catch (RuntimeException ignored) {
            // a failing metric must not turn a bad record into a stopped stream
        }
        return Response.resume(List.of(out));
    }

    /** The dead letter for {@code record}: its bytes, timestamp and headers, then ours. */
    ProducerRecord<byte[], byte[]> deadLetterRecord(ConsumerRecord<byte[], byte[]> record, DeadLetter letter) {
        RecordHeaders headers = letter.headers(record.headers());
        Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
        return new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), headers);
    }

    /** The context class loader, as Kafka uses for configured classes, or ours. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DeadLetterHandler.class.getClassLoader();
    }

    private static DeadLetterListener listener(Object configured) {
        if (configured == null) {
            return NO_LISTENER;
        }
        if (configured instanceof DeadLetterListener l) {
            return l;
        }
        try {
            Class<?> type = configured instanceof Class<?> c ? c : Class.forName(configured.toString().strip(), true,
                    loader());
            if (!DeadLetterListener.class.isAssignableFrom(type)) {
                throw new ConfigException(LISTENER_CONFIG, configured, type.getName() + " is not a "
                        + DeadLetterListener.class.getName());
            }
            return (DeadLetterListener) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException(LISTENER_CONFIG, configured, "cannot make a listener of it: " + e);
        }
    }
}
