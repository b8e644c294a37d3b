package io.tracefill.serdes.json;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

class CompletionRequestDecoderTest {
    private static final String SPAN = "{\"trace_id\":\"5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f\",\"span_id\":\"3e4f5a6b7c8d9e0f\","
            + "\"parent_span_id\":\"a1b2c3d4e5f60718\",\"span_kind\":2,\"start_time_us\":1718000000124100,"
            + "\"end_time_us\":1718000000135200}";

    private final CompletionRequestDecoder decoder = new CompletionRequestDecoder();

    @Test
    void decodesTheDocumentedRequest() throws Exception {
        CompletionRequest r = decoder.decode("{\"max_iteration\":30,\"network_delay_us\":3000000,\"app_spans\":[" + SPAN
                + ",{\"trace_id\":\"5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f\",\"span_id\":\"a1b2c3d4e5f60718\",\"parent_span_id\":\"\","
                + "\"span_kind\":3,\"start_time_us\":1718000000120000,\"end_time_us\":1718000000140000}]}");

        assertThat(r.maxIteration()).isEqualTo(30);
        assertThat(r.networkDelayUs()).isEqualTo(3_000_000L);
        assertThat(r.appSpans()).containsExactly(
                new AppSpan("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f", "3e4f5a6b7c8d9e0f", "a1b2c3d4e5f60718", 2,
                        1718000000124100L, 1718000000135200L),
                new AppSpan("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f", "a1b2c3d4e5f60718", "", 3,
                        1718000000120000L, 1718000000140000L));
    }

    @Test
    void acceptsUpperCaseKeysAndLeavesDefaultsToTheEngine() throws Exception {
        CompletionRequest r = decoder.decode(("{\"APP_SPANS\":[" + SPAN + "],\"DEBUG\":true,\"SIGNAL_SOURCES\":[\"otel\"]}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(r.appSpans()).hasSize(1);
        assertThat(r.maxIteration()).as("the engine applies 30").isNull();
        assertThat(r.networkDelayUs()).as("the engine applies its configured value").isNull();
    }

    @Test
    void nullOptionalValuesAreAbsent() throws Exception {
        CompletionRequest r = decoder.decode("{\"app_spans\":[" + SPAN + "],\"max_iteration\":null,"
                + "\"network_delay_us\":null,\"debug\":null,\"signal_sources\":null}");

        assertThat(r.maxIteration()).isNull();
        assertThat(r.networkDelayUs()).isNull();
    }

    @Test
    void acceptsExactlyTheConfiguredNumberOfSpans() throws Exception {
        CompletionRequestDecoder three = new CompletionRequestDecoder(3);

        assertThat(three.decode(body(3)).appSpans()).hasSize(3);
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> three.decode(body(4)));
        assertThat(e.field()).isEqualTo("app_spans");
        assertThat(e.reason()).startsWith("more than 3 spans; at most 3 are accepted in one request");
    }

    @Test
    void theDefaultBoundIsTenThousandSpans() throws Exception {
        assertThat(decoder.decode(body(10_000)).appSpans()).hasSize(10_000);
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(body(10_001))).reason())
                .startsWith("more than 10000 spans");
    }

    static Stream<Arguments> badBodies() {
        String s = SPAN;
        return Stream.of(
                bad("empty body", "", null, "empty body"),
                bad("array body", "[" + s + "]", null, "expected a JSON object with app_spans, got array"),
                bad("malformed", "{\"app_spans\":[" + s + ",]}", "app_spans", "malformed JSON"),
                bad("truncated", "{\"app_spans\":[" + s, "app_spans", "malformed JSON"),
                bad("no spans key", "{\"max_iteration\":3}", "app_spans", "missing"),
                bad("empty object", "{}", "app_spans", "missing"),
                bad("null spans", "{\"app_spans\":null}", "app_spans", "missing"),
                bad("no spans", "{\"app_spans\":[]}", "app_spans", "at least one span"),
                bad("no spans, upper case", "{\"APP_SPANS\":[]}", "APP_SPANS", "at least one span"),
                bad("spans not a list", "{\"app_spans\":{}}", "app_spans", "expected an array of app spans, got object"),
                bad("span not an object", "{\"app_spans\":[1]}", "app_spans[0]", "expected an app span object, got number"),
                bad("unknown top-level key", "{\"app_spans\":[" + s + "],\"ntp_delay_us\":1}", "ntp_delay_us",
                        "unknown key (accepted: app_spans"),
                bad("mixed-case key", "{\"App_Spans\":[" + s + "]}", "App_Spans", "unknown key"),
                bad("key given twice", "{\"app_spans\":[" + s + "],\"APP_SPANS\":[" + s + "]}", "APP_SPANS",
                        "given twice (as app_spans and as APP_SPANS)"),
                bad("max_iteration 0", "{\"app_spans\":[" + s + "],\"max_iteration\":0}", "max_iteration", "at least 1, got 0"),
                bad("max_iteration text", "{\"app_spans\":[" + s + "],\"MAX_ITERATION\":\"30\"}", "MAX_ITERATION",
                        "expected an integer, got string"),
                bad("max_iteration too big", "{\"app_spans\":[" + s + "],\"max_iteration\":3000000000}", "max_iteration",
                        "at most 2147483647"),
                bad("network_delay_us negative", "{\"app_spans\":[" + s + "],\"network_delay_us\":-1}", "network_delay_us",
                        "at least 1"),
                bad("network_delay_us decimal", "{\"app_spans\":[" + s + "],\"network_delay_us\":1.5}", "network_delay_us",
                        "decimal number"),
                bad("debug not boolean", "{\"app_spans\":[" + s + "],\"debug\":1}", "debug", "expected a boolean"),
                bad("signal sources empty", "{\"app_spans\":[" + s + "],\"signal_sources\":[]}", "signal_sources",
                        "at least one"),
                bad("signal sources not strings", "{\"app_spans\":[" + s + "],\"signal_sources\":[3]}", "signal_sources[0]",
                        "expected a string"),
                bad("missing span_id", span(s.replace("\"span_id\":\"3e4f5a6b7c8d9e0f\",", "")), "app_spans[0].span_id",
                        "missing"),
                bad("null parent_span_id", span(s.replace("\"a1b2c3d4e5f60718\"", "null")), "app_spans[0].parent_span_id",
                        "missing"),
                bad("number trace_id", span(s.replace("\"5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f\"", "5")), "app_spans[0].trace_id",
                        "expected a string, got number"),
                bad("span_kind 6", span(s.replace("\"span_kind\":2", "\"span_kind\":6")), "app_spans[0].span_kind",
                        "OpenTelemetry span kind 0–5"),
                bad("span_kind -1", span(s.replace("\"span_kind\":2", "\"span_kind\":-1")), "app_spans[0].span_kind",
                        "got -1"),
                bad("span_kind text", span(s.replace("\"span_kind\":2", "\"span_kind\":\"SERVER\"")), "app_spans[0].span_kind",
                        "expected an integer, got string"),
                bad("negative start", span(s.replace("1718000000124100", "-1")), "app_spans[0].start_time_us",
                        "must not be negative"),
                bad("decimal end", span(s.replace("1718000000135200", "1.5")), "app_spans[0].end_time_us", "decimal"),
                bad("end beyond long", span(s.replace("1718000000135200", "9223372036854775808")),
                        "app_spans[0].end_time_us", "at most"),
                bad("unknown span key", span(s.replace("{", "{\"app_service\":\"x\",")), "app_spans[0].app_service",
                        "unknown key (an app span has exactly"),
                bad("unknown span key with null", span(s.replace("{", "{\"name\":null,")), "app_spans[0].name", "unknown key"),
                bad("span key twice", span(s.replace("{", "{\"span_kind\":1,")), "app_spans[0].span_kind", "given twice"),
                bad("second span bad", "{\"app_spans\":[" + s + "," + s.replace("\"span_kind\":2", "\"span_kind\":9") + "]}",
                        "app_spans[1].span_kind", "got 9"),
                bad("malformed inside a span", "{\"app_spans\":[{\"span_kind\":01}]}", "app_spans[0].span_kind", "malformed JSON"),
                bad("trailing content", "{\"app_spans\":[" + s + "]} []", null, "unexpected content"));
    }

    private static Arguments bad(String what, String json, String field, String reason) {
        return Arguments.of(what, json, field, reason);
    }

    private static String span(String span) {
        return "{\"app_spans\":[" + span + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void rejectsWithTheFieldAndAReason(String what, String json, String field, String reason) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(json));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).as(what + ": " + e.getMessage()).isEqualTo(field);
        assertThat(e.reason()).as(what).contains(reason);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = span(SPAN).getBytes(StandardCharsets.UTF_8);
        body[20] = (byte) 0xff;

        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(body)).reason()).contains("invalid UTF-8");
    }

    @Test
    void mutatedBodiesNeverEscapeAsAnythingButDecodeException() {
        Random rnd = new Random(0x5eed_0004L);
        byte[] seed = ("{\"max_iteration\":30,\"network_delay_us\":3000000,\"app_spans\":[" + SPAN + "," + SPAN + "]}")
                .getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] input = seed.clone();
            for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                int at = rnd.nextInt(input.length);
                if (rnd.nextBoolean()) {
                    input[at] = (byte) rnd.nextInt(256);
                } else {
                    input = java.util.Arrays.copyOf(input, at);
                    if (input.length == 0) {
                        break;
                    }
                }
            }
            try {
                CompletionRequest r = decoder.decode(input);
                assertThat(r.appSpans()).isNotEmpty();
                accepted++;
            } catch (DecodeException e) {
                if (e.getMessage().contains("internal decoder error")) {
                    fail("decoder bug on " + new String(input, StandardCharsets.ISO_8859_1), e);
                }
            } catch (Throwable t) {
                fail("escaped " + t + " on " + new String(input, StandardCharsets.ISO_8859_1), t);
            }
        }
        assertThat(accepted).isPositive();
    }

    private static String body(int spans) {
        StringJoiner j = new StringJoiner(",", "{\"app_spans\":[", "]}");
        for (int i = 0; i < spans; i++) {
            j.add(SPAN);
        }
        return j.toString();
    }
}
