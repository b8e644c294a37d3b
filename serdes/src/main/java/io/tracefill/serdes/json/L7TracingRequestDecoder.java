package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracefill.serdes.model.L7TracingRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body of {@code POST /v1/stats/querier/L7FlowTracing} as DeepFlow's
 * {@code FlowLogL7Tracing} model takes it: each key under its field name or its upper-case
 * serialized name.
 * <ul>
 *   <li>{@code time_start}/{@code TIME_START}, {@code time_end}/{@code TIME_END}: required integers,
 *       seconds; the start may not be after the end;</li>
 *   <li>{@code _id} (a string of digits, or a JSON integer) and/or {@code trace_id} (a string): at
 *       least one; the {@code _id} wins when both are given;</li>
 *   <li>{@code max_iteration}/{@code MAX_ITERATION} (integer ≥ 0), {@code network_delay_us}/
 *       {@code NETWORK_DELAY_US} (≥ 1), {@code host_clock_offset_us}/{@code HOST_CLOCK_OFFSET_US} (≥ 0);</li>
 *   <li>{@code signal_sources}/{@code SIGNAL_SOURCES}: strings; exactly {@code ["otel"]} restricts the
 *       search to app spans;</li>
 *   <li>accepted and not used: {@code database}/{@code DATABASE} (must be {@code flow_log}),
 *       {@code table}/{@code TABLE} (must be {@code l7_flow_log}), {@code debug}/{@code DEBUG},
 *       {@code has_attributes}, {@code ntp_delay_us}/{@code NTP_DELAY_US}.</li>
 * </ul>
 * Unknown keys, wrong types and a key given twice are refused with a {@link DecodeException}
 * naming the key. Instances are thread-safe.
 */
public final class L7TracingRequestDecoder {
    private static final String KEYS = "_id, trace_id, time_start, time_end, max_iteration, network_delay_us, "
            + "host_clock_offset_us, signal_sources, database, table, debug, has_attributes, ntp_delay_us";

    private final JsonInput input;

    public L7TracingRequestDecoder(DecodeLimits limits) {
        this.input = new JsonInput(limits);
    }

    public L7TracingRequest decode(byte[] utf8) throws DecodeException {
        return input.parse(utf8, 0, utf8 == null ? 0 : utf8.length, this::read);
    }

    private L7TracingRequest read(JsonParser p) throws IOException, DecodeException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw new DecodeException(null, t == null ? "empty body: expected a JSON object with _id, TIME_START "
                    + "and TIME_END" : "expected a JSON object with _id, TIME_START and TIME_END, got "
                    + JsonValues.describe(t));
        }
        List<String> seen = new ArrayList<>();
        String id = null;
        String traceId = null;
        Long start = null;
        Long end = null;
        Integer maxIteration = null;
        Long networkDelayUs = null;
        Long hostClockOffsetUs = null;
        boolean otelOnly = false;
        String key;
        String previous = null;
        while ((key = JsonInput.nextName(p, previous, "")) != null) {
            previous = key;
            String canonical = canonical(key);
            if (seen.contains(canonical)) {
                throw new DecodeException(key, "given twice");
            }
            seen.add(canonical);
            try {
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (canonical) {
                    case "_id" -> id = id(p, v, key);
                    case "trace_id" -> traceId = JsonValues.string(p, v, key);
                    case "time_start" -> start = JsonValues.integer(p, v, key, 0, Long.MAX_VALUE);
                    case "time_end" -> end = JsonValues.integer(p, v, key, 0, Long.MAX_VALUE);
                    case "max_iteration" -> maxIteration = (int) JsonValues.integer(p, v, key, 0, Integer.MAX_VALUE);
                    case "network_delay_us" -> networkDelayUs = JsonValues.integer(p, v, key, 1, Long.MAX_VALUE);
                    case "host_clock_offset_us" -> hostClockOffsetUs = JsonValues.integer(p, v, key, 0, Long.MAX_VALUE);
                    case "ntp_delay_us", "has_attributes" -> JsonValues.integer(p, v, key, 0, Long.MAX_VALUE);
                    case "signal_sources" -> otelOnly = JsonValues.stringArray(p, v, key).equals(List.of("otel"));
                    case "database" -> expect(JsonValues.string(p, v, key), "flow_log", key);
                    case "table" -> expect(JsonValues.string(p, v, key), "l7_flow_log", key);
                    default -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw JsonValues.wrongType(key, "a boolean", v);
                        }
                    }
                }
            } catch (IOException e) {
                throw JsonInput.translate(e, key);
            }
        }
        if (p.nextToken() != null) {
            throw new DecodeException(null, "unexpected content after the JSON object");
        }
        if (start == null) {
            throw new DecodeException("TIME_START", "missing: the search window's start, in seconds");
        }
        if (end == null) {
            throw new DecodeException("TIME_END", "missing: the search window's end, in seconds");
        }
        if (start > end) {
            throw new DecodeException("TIME_START", "is after TIME_END (" + start + " > " + end + ")");
        }
        if ((id == null || id.isEmpty()) && (traceId == null || traceId.isEmpty())) {
            throw new DecodeException("_id", "missing: give the entry flow's _id (or a trace_id)");
        }
        return new L7TracingRequest(id == null || id.isEmpty() ? null : id, traceId == null || traceId.isEmpty()
                ? null : traceId, start, end, maxIteration, networkDelayUs, hostClockOffsetUs, otelOnly);
    }

    /** An {@code _id} is an unsigned 64-bit integer; clients send it as text (JavaScript cannot hold it). */
    private static String id(JsonParser p, JsonToken v, String key) throws IOException, DecodeException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return Long.toUnsignedString(JsonValues.parseUnsigned(p.getText(), key));
        }
        if (v != JsonToken.VALUE_STRING) {
            throw JsonValues.wrongType(key, "an unsigned integer (number or decimal text)", v);
        }
        String text = p.getText();
        return text.isEmpty() ? text : Long.toUnsignedString(JsonValues.parseUnsigned(text, key));
    }

    private static void expect(String value, String only, String key) throws DecodeException {
        if (!value.equals(only)) {
            throw new DecodeException(key, "tracefill traces " + only + " only, got " + JsonValues.quote(value));
        }
    }

    private static String canonical(String key) throws DecodeException {
        return switch (key) {
            case "_id", "_ID" -> "_id";
            case "trace_id", "TRACE_ID" -> "trace_id";
            case "time_start", "TIME_START" -> "time_start";
            case "time_end", "TIME_END" -> "time_end";
            case "max_iteration", "MAX_ITERATION" -> "max_iteration";
            case "network_delay_us", "NETWORK_DELAY_US" -> "network_delay_us";
            case "host_clock_offset_us", "HOST_CLOCK_OFFSET_US" -> "host_clock_offset_us";
            case "ntp_delay_us", "NTP_DELAY_US" -> "ntp_delay_us";
            case "has_attributes", "HAS_ATTRIBUTES" -> "has_attributes";
            case "signal_sources", "SIGNAL_SOURCES" -> "signal_sources";
            case "database", "DATABASE" -> "database";
            case "table", "TABLE" -> "table";
            case "debug", "DEBUG" -> "debug";
            default -> throw new DecodeException(key, "unknown key (accepted: " + KEYS + ", also in upper case)");
        };
    }
}
