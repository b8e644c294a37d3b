package io.tracefill.serdes.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.tracefill.serdes.json.FlowRowDecoderGoldenTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FlowRowDecoderRejectsTest {
    private final FlowRowDecoder decoder = new FlowRowDecoder();

    static Stream<Arguments> badRecords() {
        return Stream.of(
                // malformed and truncated JSON
                bad("double comma", "{\"_id\":1,,\"start_time\":1}", null, "malformed JSON"),
                bad("unquoted key", "{_id:1}", null, "malformed JSON"),
                bad("single quotes", "{'_id':1}", null, "malformed JSON"),
                bad("truncated in a string", "{\"_id\":1,\"trace_id\":\"abc", "trace_id", "malformed JSON"),
                bad("truncated after a key", "{\"_id\":1,\"trace_id\"", "trace_id", "malformed JSON"),
                bad("truncated object", "{\"_id\":1,\"start_time\":1,\"end_time\":2", null, "malformed JSON"),
                bad("NaN", row("\"response_duration\":NaN"), "response_duration", "malformed JSON"),
                bad("leading zero", row("\"req_tcp_seq\":007"), "req_tcp_seq", "malformed JSON"),
                bad("comment", row("\"a\":1 /* x */"), null, "malformed JSON"),
                bad("trailing content", row("") + "x", null, "malformed JSON"),
                bad("two objects", row("") + " {}", null, "after the JSON object"),
                // not an object
                bad("empty input", "", null, "empty input"),
                bad("whitespace only", "  \n ", null, "empty input"),
                bad("array", "[" + row("") + "]", null, "expected a JSON object, got array"),
                bad("string", "\"row\"", null, "expected a JSON object, got string"),
                bad("number", "42", null, "expected a JSON object, got number"),
                bad("null", "null", null, "expected a JSON object, got null"),
                bad("garbage", "xyz", null, "malformed JSON: unexpected character 'x', expected a JSON object"),
                // wrong types
                bad("number for a string", row("\"trace_id\":12"), "trace_id", "expected a string, got number"),
                bad("object for a string", row("\"span_id\":{}"), "span_id", "expected a string, got object"),
                bad("string for a number", row("\"req_tcp_seq\":\"5\""), "req_tcp_seq", "expected an integer, got string"),
                bad("decimal for an integer", row("\"vtap_id\":1.5"), "vtap_id", "decimal number 1.5"),
                bad("boolean for an enum", row("\"signal_source\":true"), "signal_source", "expected an integer, got boolean"),
                bad("array for a time", "{\"_id\":1,\"start_time\":[1],\"end_time\":2}", "start_time", "got array"),
                bad("string time in an exporter row", "{\"_id\":1,\"start_time\":\"2024-06-10\",\"end_time\":2}",
                        "start_time", "expected an integer, got string"),
                bad("attribute names not an array", row("\"attribute_names\":\"a\""), "attribute_names", "expected an array"),
                bad("attribute value not a string", row("\"attribute_names\":[\"a\"],\"attribute_values\":[1]"),
                        "attribute_values[0]", "expected a string, got number"),
                bad("attribute map value not a string", row("\"attribute\":{\"a\":[]}"), "attribute.a", "got array"),
                bad("attribute arrays of different lengths", row("\"attribute_names\":[\"a\",\"b\"],\"attribute_values\":[\"1\"]"),
                        "attribute_values", "1 values for 2"),
                bad("resource_from_vtap a number", row("\"resource_from_vtap\":3"), "resource_from_vtap", "expected an array or a string"),
                bad("flow_id decimal text with sign", row("\"flow_id\":\"+5\""), "flow_id", "unsigned decimal"),
                bad("flow_id empty text", row("\"flow_id\":\"\""), "flow_id", "empty string"),
                // _id
                bad("empty object", "{}", "_id", "missing"),
                bad("missing _id", "{\"start_time\":1,\"end_time\":2}", "_id", "missing"),
                bad("empty _id", "{\"_id\":\"\",\"start_time\":1,\"end_time\":2}", "_id", "empty string"),
                bad("text _id", "{\"_id\":\"abc\",\"start_time\":1,\"end_time\":2}", "_id", "unsigned decimal integer, got 'abc'"),
                bad("negative _id", "{\"_id\":-1,\"start_time\":1,\"end_time\":2}", "_id", "must not be negative"),
                bad("negative _id text", "{\"_id\":\"-1\",\"start_time\":1,\"end_time\":2}", "_id", "must not be negative"),
                bad("decimal _id", "{\"_id\":1.0,\"start_time\":1,\"end_time\":2}", "_id", "decimal number"),
                bad("boolean _id", "{\"_id\":true,\"start_time\":1,\"end_time\":2}", "_id", "got boolean"),
                bad("_id beyond uint64", "{\"_id\":18446744073709551616,\"start_time\":1,\"end_time\":2}", "_id",
                        "beyond the unsigned 64-bit range"),
                bad("_id text beyond uint64", "{\"_id\":\"99999999999999999999\",\"start_time\":1,\"end_time\":2}", "_id",
                        "beyond the unsigned 64-bit range"),
                // numbers beyond their column
                bad("flow_id beyond uint64", row("\"flow_id\":18446744073709551616"), "flow_id", "beyond the unsigned 64-bit range"),
                bad("syscall id negative text", row("\"syscall_trace_id_request\":\"-1\""), "syscall_trace_id_request", "negative"),
                bad("syscall id far beyond", row("\"syscall_trace_id_response\":123456789012345678901234567890"),
                        "syscall_trace_id_response", "beyond"),
                bad("tcp seq beyond uint32", row("\"req_tcp_seq\":4294967296"), "req_tcp_seq", "at most 4294967295"),
                bad("response_code beyond int32", row("\"response_code\":2147483648"), "response_code", "at most 2147483647"),
                bad("negative duration", row("\"response_duration\":-1"), "response_duration", "must not be negative"),
                bad("server port beyond uint16", row("\"server_port\":70000"), "server_port", "at most 65535"),
                bad("huge number literal", row("\"response_duration\":" + "9".repeat(200)), "response_duration", "too large"),
                // times
                bad("missing start", "{\"_id\":1,\"end_time\":2}", "start_time", "missing"),
                bad("missing end", "{\"_id\":1,\"start_time_us\":2}", "end_time", "missing"),
                bad("negative start", "{\"_id\":1,\"start_time\":-5,\"end_time\":2}", "start_time", "must not be negative"),
                bad("negative end (querier)", "{\"_id\":1,\"start_time_us\":0,\"end_time_us\":-2}", "end_time_us", "must not be negative"),
                bad("year 3000", "{\"_id\":1,\"start_time\":32503680000000000,\"end_time\":32503680000000001}",
                        "start_time", "after the year 2300"),
                bad("nanoseconds", "{\"_id\":1,\"start_time_us\":1718000000123456000,\"end_time_us\":1718000000135790000}",
                        "start_time_us", "nanoseconds instead of microseconds"),
                bad("end before start", "{\"_id\":1,\"start_time\":1718000000000100,\"end_time\":1718000000000000}",
                        "end_time", "before the start time"),
                bad("end before start (querier)", "{\"_id\":1,\"start_time_us\":10,\"end_time_us\":9}", "end_time_us",
                        "before the start time"),
                // enums
                bad("unknown observation point", row("\"observation_point\":\"Sidecar\""), "observation_point",
                        "unknown observation point 'Sidecar'"),
                bad("unknown tap side code", row("\"tap_side\":7"), "tap_side", "unknown observation point code 7"),
                bad("unknown l7 protocol", row("\"l7_protocol\":\"HTTP/3\""), "l7_protocol", "unknown value 'HTTP/3'"),
                bad("unknown signal source", row("\"signal_source\":\"Zipkin\""), "signal_source", "unknown value"),
                bad("unknown type", row("\"type\":\"Stream\""), "type", "unknown value"),
                bad("unknown response status", row("\"response_status\":\"Fine\""), "response_status", "unknown value"),
                bad("unknown L4 protocol", row("\"protocol\":\"SCTP\""), "protocol", "unknown value"),
                bad("unknown resource type", row("\"auto_instance_type_0\":\"spaceship\""), "auto_instance_type_0", "unknown value"),
                bad("signal source code beyond uint16", row("\"signal_source\":65536"), "signal_source", "at most 65535"),
                // escapes that are not Unicode text
                bad("lone high surrogate escape", row("\"endpoint\":\"a\\ud800b\""), "endpoint",
                        "unpaired UTF-16 surrogate escape \\ud800"),
                bad("lone low surrogate escape", row("\"endpoint\":\"\\uDC00\""), "endpoint",
                        "unpaired UTF-16 surrogate escape \\udc00"),
                bad("high surrogate escape at the end", row("\"span_id\":\"\\ud83d\""), "span_id", "unpaired"),
                bad("high surrogate escape then a plain escape", row("\"span_id\":\"\\ud83d\\u0041\""), "span_id",
                        "unpaired"),
                bad("two high surrogate escapes", row("\"span_id\":\"\\ud83d\\ud83d\""), "span_id", "unpaired"),
                // other data sources and limits
                bad("another data source", row("\"datasource\":\"flow_log.l4_flow_log\""), "datasource", "another DeepFlow data source"),
                bad("huge string", row("\"trace_id\":\"" + "a".repeat((1 << 20) + 1) + "\""), "trace_id", "too large"),
                bad("huge key", row("\"" + "k".repeat((1 << 20) + 1) + "\":1"), null, "too large"),
                bad("deep nesting", row("\"x\":" + "[".repeat(100) + "]".repeat(100)), "x", "too large"));
    }

    private static Arguments bad(String what, String json, String field, String reason) {
        return Arguments.of(what, json, field, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void rejectsTextWithAReasonNamingTheField(String what, String json, String field, String reason) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(json));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).as(what + ": " + e.getMessage()).isEqualTo(field);
        assertThat(e.reason()).as(what).contains(reason);
        assertThat(e.getMessage()).as(what).isEqualTo(field == null ? e.reason() : field + ": " + e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void rejectsTheSameBytesTheSameWay(String what, String json, String field, String reason) {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> decoder.decode(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).as(what + ": " + e.getMessage()).isEqualTo(field);
        assertThat(e.reason()).as(what).contains(reason);
    }

    @Test
    void acceptsASurrogatePairWrittenAsTwoEscapes() throws DecodeException {
        assertThat(decoder.decode(row("\"endpoint\":\"a\\ud83d\\uDE00b\"")).endpoint()).isEqualTo("a\ud83d\ude00b");
    }

    @Test
    void theExampleMessage() {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(row("\"trace_id\":7")));

        assertThat(e).hasMessage("trace_id: expected a string, got number");
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("bad continuation", new byte[]{(byte) 0xc3, 0x28}),
                Arguments.of("lone continuation", new byte[]{(byte) 0x80}),
                Arguments.of("overlong slash", new byte[]{(byte) 0xc0, (byte) 0xaf}),
                Arguments.of("overlong 3-byte", new byte[]{(byte) 0xe0, (byte) 0x80, (byte) 0xaf}),
                Arguments.of("encoded surrogate", new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
                Arguments.of("beyond U+10FFFF", new byte[]{(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("F5 lead byte", new byte[]{(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
                Arguments.of("FF byte", new byte[]{(byte) 0xff}),
                Arguments.of("cut 3-byte sequence", new byte[]{(byte) 0xe2, (byte) 0x82}),
                Arguments.of("NUL", new byte[]{0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void rejectsInvalidUtf8InsideAString(String what, byte[] badBytes) {
        byte[] head = "{\"_id\":1,\"start_time\":1,\"end_time\":2,\"request_resource\":\"/a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[head.length + badBytes.length + tail.length];
        System.arraycopy(head, 0, input, 0, head.length);
        System.arraycopy(badBytes, 0, input, head.length, badBytes.length);
        System.arraycopy(tail, 0, input, head.length + badBytes.length, tail.length);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(input));

        assertThat(e).as(what).isNotNull();
        assertThat(e.field()).as(e.getMessage()).isIn(null, "request_resource");
        assertThat(e.reason()).containsAnyOf("invalid UTF-8 at byte offset " + head.length,
                "control character 0x00 in a string (it must be escaped) at byte offset " + head.length);
    }

    @Test
    void rejectsUtf16InsteadOfGuessingTheEncoding() {
        byte[] utf16 = row("").getBytes(StandardCharsets.UTF_16LE);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> decoder.decode(utf16));

        assertThat(e.reason()).startsWith("malformed JSON: expected a key in double quotes at byte offset 1");
    }

    @Test
    void rejectsNonAsciiBytesOutsideStrings() {
        byte[] input = ("{\"_id\":1,\u00e9\"start_time\":1,\"end_time\":2}").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = ("{\"_id\":1, \"start_time\":1,\"end_time\":2}").getBytes(StandardCharsets.UTF_8);
        invalid[10] = (byte) 0xff;

        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(input)).reason()).startsWith("malformed JSON");
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(invalid)).reason()).startsWith("malformed JSON");
    }

    @Test
    void rejectsUnpairedSurrogatesInText() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> decoder.decode(row("\"trace_id\":\"a\uD800b\"")));

        assertThat(e.reason()).startsWith("unpaired UTF-16 surrogate at index");
    }

    @Test
    void rejectsDocumentsBeyondTheLimitBeforeParsing() {
        FlowRowDecoder small = new FlowRowDecoder(new DecodeLimits(64, 16, 4));
        String big = row("\"x\":\"" + "a".repeat(100) + "\"");

        assertThat(catchThrowableOfType(DecodeException.class, () -> small.decode(big)).reason())
                .contains("at most 64 are accepted");
        assertThat(catchThrowableOfType(DecodeException.class, () -> small.decode(big.getBytes(StandardCharsets.UTF_8))).reason())
                .contains("at most 64 are accepted");
        assertThat(catchThrowableOfType(DecodeException.class,
                () -> small.decode("{\"_id\":1,\"trace_id\":\"" + "a".repeat(17) + "\"}")).field()).isEqualTo("trace_id");
    }

    @Test
    void limitsThemselvesAreBounded() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new DecodeLimits(1 << 20, 1 << 10, 1001)))
                .hasMessageContaining("at most 1000");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new DecodeLimits(1, 1, 1))).isNotNull();
    }

    @Test
    void theDeepestConfigurableNestingIsSkippedWithoutOverflow() throws Exception {
        FlowRowDecoder deep = new FlowRowDecoder(new DecodeLimits(1 << 20, 1 << 10, DecodeLimits.MAX_NESTING_DEPTH));
        String nested = "[{\"a\":".repeat(499) + "1" + "}]".repeat(499);

        assertThat(deep.decode(row("\"x\":" + nested)).id()).isEqualTo("1");
        assertThat(catchThrowableOfType(DecodeException.class, () -> deep.decode(row("\"x\":" + "[".repeat(1000) + "]".repeat(1000))))
                .reason()).startsWith("too large: nesting deeper than 1000 levels");
    }

    @Test
    void rejectsNullAndOutOfBoundsSlices() {
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode((byte[]) null)).reason()).contains("null");
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode((String) null)).reason()).contains("null");
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(new byte[4], 3, 2)).reason())
                .contains("outside");
        assertThat(catchThrowableOfType(DecodeException.class, () -> decoder.decode(new byte[4], -1, 2)).reason())
                .contains("outside");
    }
}
