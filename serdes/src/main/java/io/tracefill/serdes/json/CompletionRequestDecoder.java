package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body of {@code POST /v1/stats/querier/tracing-completion-by-external-app-spans}
 * exactly as DeepFlow's request model takes it (spec §12):
 * <ul>
 *   <li>top-level keys under their field name or upper-case name: {@code app_spans}/{@code APP_SPANS}
 *       (required, at least one span), {@code max_iteration}/{@code MAX_ITERATION} (integer ≥ 1;
 *       absent means the engine's default of 30), {@code network_delay_us}/{@code NETWORK_DELAY_US}
 *       (integer ≥ 1), {@code debug}/{@code DEBUG} (boolean), {@code signal_sources}/{@code SIGNAL_SOURCES}
 *       (at least one string); unknown keys are refused, as DeepFlow's strict models do;</li>
 *   <li>each span with exactly {@code trace_id}, {@code span_id}, {@code parent_span_id} (strings),
 *       {@code span_kind} (0–5) and {@code start_time_us}, {@code end_time_us} (integers ≥ 0).</li>
 * </ul>
 * JSON null counts as absent. Types are strict: DeepFlow's model would also turn {@code "30"}
 * into 30 or {@code 123} into {@code "123"}; here those are errors that name the field. At most
 * {@code maxSpans} spans are accepted (10000 by default). {@code debug} and {@code signal_sources}
 * are checked and then dropped: the completion engine does not use them.
 *
 * <p>Every problem is a {@link DecodeException} whose field is the path of the value at fault
 * ({@code app_spans[2].span_kind}); nothing else is thrown. Instances are thread-safe.
 */
public final class CompletionRequestDecoder {
    /** Spans accepted in one request unless configured otherwise. */
    public static final int DEFAULT_MAX_SPANS = 10_000;
    /** Room for the default number of spans with long ids; strings as for rows. */
    public static final DecodeLimits DEFAULT_LIMITS = new DecodeLimits(8 << 20, 1 << 20, 32);

    private static final int SPAN_KIND_MAX = 5;
    private static final String TOP_KEYS = "app_spans, max_iteration, network_delay_us, debug, signal_sources";
    private static final String SPAN_KEYS = "trace_id, span_id, parent_span_id, span_kind, start_time_us, end_time_us";

    private final int maxSpans;
    private final JsonInput input;

    public CompletionRequestDecoder() {
        this(DEFAULT_MAX_SPANS);
    }

    public CompletionRequestDecoder(int maxSpans) {
        this(maxSpans, DEFAULT_LIMITS);
    }

    /**
     * @param maxSpans most spans one request may hold
     * @param limits   size bounds of the body
     */
    public CompletionRequestDecoder(int maxSpans, DecodeLimits limits) {
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be at least 1, got " + maxSpans);
        }
        this.maxSpans = maxSpans;
        this.input = new JsonInput(limits);
    }

    public CompletionRequest decode(String json) throws DecodeException {
        return input.parse(json, this::read);
    }

    public CompletionRequest decode(byte[] utf8) throws DecodeException {
        return input.parse(utf8, 0, utf8 == null ? 0 : utf8.length, this::read);
    }

    private CompletionRequest read(JsonParser p) throws IOException, DecodeException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new DecodeException(null, "empty body: expected a JSON object with app_spans");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new DecodeException(null, "expected a JSON object with app_spans, got " + JsonValues.describe(t));
        }
        Keys seen = new Keys();
        List<AppSpan> spans = null;
        String spansKey = "app_spans";
        Integer maxIteration = null;
        Long networkDelayUs = null;
        String key;
        String previous = null;
        while ((key = JsonInput.nextName(p, previous, "")) != null) {
            previous = key;
            String canonical = canonical(key);
            seen.once(canonical, key, "");
            try {
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (canonical) {
                    case "app_spans" -> {
                        spansKey = key;
                        spans = spans(p, v, key);
                    }
                    case "max_iteration" -> maxIteration = (int) atLeastOne(p, v, key, Integer.MAX_VALUE);
                    case "network_delay_us" -> networkDelayUs = atLeastOne(p, v, key, Long.MAX_VALUE);
                    case "debug" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw JsonValues.wrongType(key, "a boolean", v);
                        }
                    }
                    default -> {
                        if (JsonValues.stringArray(p, v, key).isEmpty()) {
                            throw new DecodeException(key, "must hold at least one signal source when given");
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
        if (spans == null) {
            throw new DecodeException(spansKey, "missing: the request needs the app spans to complete");
        }
        if (spans.isEmpty()) {
            throw new DecodeException(spansKey, "must hold at least one span");
        }
        return new CompletionRequest(spans, maxIteration, networkDelayUs);
    }

    /** A top-level key's canonical name; unknown keys are refused. */
    private static String canonical(String key) throws DecodeException {
        return switch (key) {
            case "app_spans", "APP_SPANS" -> "app_spans";
            case "max_iteration", "MAX_ITERATION" -> "max_iteration";
            case "network_delay_us", "NETWORK_DELAY_US" -> "network_delay_us";
            case "debug", "DEBUG" -> "debug";
            case "signal_sources", "SIGNAL_SOURCES" -> "signal_sources";
            default -> throw new DecodeException(key, "unknown key (accepted: " + TOP_KEYS
                    + ", also in upper case)");
        };
    }

    private List<AppSpan> spans(JsonParser p, JsonToken v, String key) throws IOException, DecodeException {
        if (v != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(key, "an array of app spans", v);
        }
        List<AppSpan> spans = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            String path = key + "[" + spans.size() + "]";
            if (spans.size() == maxSpans) {
                throw new DecodeException(key, "more than " + maxSpans + " spans; at most " + maxSpans
                        + " are accepted in one request (send the spans around the one of interest, or split the request)");
            }
            spans.add(span(p, e, path));
        }
        return spans;
    }

    private static AppSpan span(JsonParser p, JsonToken t, String path) throws IOException, DecodeException {
        if (t != JsonToken.START_OBJECT) {
            throw JsonValues.wrongType(path, "an app span object", t);
        }
        Keys seen = new Keys();
        String traceId = null;
        String spanId = null;
        String parentSpanId = null;
        Long spanKind = null;
        Long start = null;
        Long end = null;
        String key;
        String previous = null;
        while ((key = JsonInput.nextName(p, previous, path + ".")) != null) {
            previous = key;
            String field = path + "." + key;
            seen.once(key, key, path + ".");
            try {
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    if (!isSpanKey(key)) {
                        throw unknownSpanKey(field);
                    }
                    continue; // absent: "missing" below names it
                }
                switch (key) {
                    case "trace_id" -> traceId = JsonValues.string(p, v, field);
                    case "span_id" -> spanId = JsonValues.string(p, v, field);
                    case "parent_span_id" -> parentSpanId = JsonValues.string(p, v, field);
                    case "span_kind" -> spanKind = spanKind(p, v, field);
                    case "start_time_us" -> start = JsonValues.integer(p, v, field, 0, Long.MAX_VALUE);
                    case "end_time_us" -> end = JsonValues.integer(p, v, field, 0, Long.MAX_VALUE);
                    default -> throw unknownSpanKey(field);
                }
            } catch (IOException e) {
                throw JsonInput.translate(e, field);
            }
        }
        return new AppSpan(
                required(traceId, path, "trace_id"),
                required(spanId, path, "span_id"),
                required(parentSpanId, path, "parent_span_id"),
                required(spanKind, path, "span_kind").intValue(),
                required(start, path, "start_time_us"),
                required(end, path, "end_time_us"));
    }

    private static boolean isSpanKey(String key) {
        return switch (key) {
            case "trace_id", "span_id", "parent_span_id", "span_kind", "start_time_us", "end_time_us" -> true;
            default -> false;
        };
    }

    private static long spanKind(JsonParser p, JsonToken v, String field) throws IOException, DecodeException {
        long kind = JsonValues.integer(p, v, field, Long.MIN_VALUE, Long.MAX_VALUE);
        if (kind < 0 || kind > SPAN_KIND_MAX) {
            throw new DecodeException(field, "must be an OpenTelemetry span kind 0–5 (0 unspecified, 1 internal, "
                    + "2 server, 3 client, 4 producer, 5 consumer), got " + kind);
        }
        return kind;
    }

    private static long atLeastOne(JsonParser p, JsonToken v, String key, long max) throws IOException, DecodeException {
        return JsonValues.integer(p, v, key, 1, max);
    }

    private static <T> T required(T value, String path, String key) throws DecodeException {
        if (value == null) {
            throw new DecodeException(path + "." + key, "missing: every app span needs " + SPAN_KEYS);
        }
        return value;
    }

    private static DecodeException unknownSpanKey(String field) {
        return new DecodeException(field, "unknown key (an app span has exactly " + SPAN_KEYS + ")");
    }

    /** Keys met so far in one object, to refuse one given twice (or under both its names). */
    private static final class Keys {
        private final List<String> canonical = new ArrayList<>(6);
        private final List<String> given = new ArrayList<>(6);

        void once(String name, String as, String prefix) throws DecodeException {
            int i = canonical.indexOf(name);
            if (i >= 0) {
                String first = given.get(i);
                throw new DecodeException(prefix + as, first.equals(as) ? "given twice"
                        : "given twice (as " + first + " and as " + as + ")");
            }
            canonical.add(name);
            given.add(as);
        }
    }
}
