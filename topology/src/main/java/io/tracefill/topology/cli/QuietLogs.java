package io.tracefill.topology.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fewer logs while a command draws its own progress ({@code demo}, {@code replay}): INFO lines
 * (topics ready, stream state changes) would break a status line redrawn in place. WARN and above
 * still show, except a few that are expected and harmless there; TRACEFILL_LOG_LEVEL, when set,
 * leaves everything as configured. {@link #restore} undoes it (tests run commands in one JVM).
 */
final class QuietLogs {
    /** Logger → level while quiet; the root logger first. */
    private static final Map<String, Level> QUIET = new LinkedHashMap<>();

    static {
        QUIET.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        // a temporary state directory is what the demo wants
        QUIET.put("org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR);
        // advice about a processing exception handler for global stores, which tracefill has none of
        QUIET.put("org.apache.kafka.streams.StreamsConfig", Level.ERROR);
        // a fresh transactional producer's first batches to a partition are refused and retried
        // (KAFKA-18202, transactions v2): the producer warns and the in-JVM broker logs an ERROR each time
        QUIET.put("org.apache.kafka.clients.producer.internals.Sender", Level.ERROR);
        QUIET.put("kafka.server.ReplicaManager", Level.OFF);
        // clients closing after the broker say so
        QUIET.put("org.apache.kafka.clients.NetworkClient", Level.ERROR);
    }

    private final Map<Logger, Level> before;

    private QuietLogs(Map<Logger, Level> before) {
        this.before = before;
    }

    static QuietLogs apply() {
        Map<Logger, Level> before = new LinkedHashMap<>();
        if (System.getenv("TRACEFILL_LOG_LEVEL") != null) {
            return new QuietLogs(before);
        }
        QUIET.forEach((name, level) -> {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                before.put(logger, logger.getLevel());
                logger.setLevel(level);
            }
        });
        return new QuietLogs(before);
    }

    void restore() {
        before.forEach(Logger::setLevel);
    }
}
