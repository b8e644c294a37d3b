package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.DecodeLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.tracefill.serdes.otlp.Otlp.resource;
import static io.tracefill.serdes.otlp.Otlp.resourceSpans;
import static io.tracefill.serdes.otlp.Otlp.span;
import static io.tracefill.serdes.otlp.Otlp.str;
import static io.tracefill.serdes.otlp.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every class of bad input ends in a rejected span or a DecodeException naming the field. */
class OtlpRejectsTest {
    private static final String SPAN0 = "resourceSpans[0].scopeSpans[0].spans[0]";
    private final OtlpSpanDecoder decoder = new OtlpSpanDecoder();

    private static Span good(int n) {
        return span(Otlp.TRACE_5B, String.format("%016x", n + 1), "", "op" + n).build();
    }

    private DecodedBatch proto(Span... spans) throws DecodeException {
        return decoder.decodeProtoBatch(traces(resourceSpans(Resource.getDefaultInstance(), spans)).toByteArray());
    }

    private static DecodeException thrown(ThrowingCall call) {
        try {
            call.run();
        } catch (DecodeException e) {
            return e;
        }
        throw new AssertionError("expected a DecodeException");
    }

    private interface ThrowingCall {
        void run() throws DecodeException;
    }

    // ---- protobuf: the record

    @Test
    void truncatedProtobufIsRefusedWithTheElementItStoppedIn() {
        byte[] full = Otlp.sample5b().toByteArray();
        for (int cut = 1; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            try {
                DecodedBatch b = decoder.decodeProtoBatch(part);
                assertThat(b.flows()).as("cut at %d", cut).isEmpty();
            } catch (DecodeException e) {
                assertThat(e.reason()).contains("not valid OTLP protobuf");
            }
        }
        DecodeException e = thrown(() -> decoder.decodeProto(Arrays.copyOf(full, full.length - 3)));
        assertThat(e.field()).isNull();
        assertThat(e.reason()).contains("runs past the end");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> decoder.decodeProto(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(DecodeException.class).hasMessageContaining("not valid OTLP protobuf");
        assertThatThrownBy(() -> decoder.decodeProto(new byte[]{0x0f})).hasMessageContaining("invalid wire type 7");
        assertThatThrownBy(() -> decoder.decodeProto(new byte[]{0x00})).hasMessageContaining("invalid field tag 0");
        assertThatThrownBy(() -> decoder.decodeProto("{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> decoder.decodeProto(null)).hasMessage("no input (null)");
    }

    @Test
    void anEmptyRecordHoldsNoSpans() throws Exception {
        assertThat(decoder.decodeProtoBatch(new byte[0]).spanCount()).isZero();
    }

    @Test
    void oneBadSpanInFiveHundredCostsOnlyItself() throws Exception {
        Span[] spans = new Span[500];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = good(i);
        }
        spans[321] = spans[321].toBuilder().setTraceId(ByteString.copyFrom(new byte[5])).build();

        DecodedBatch b = proto(spans);

        assertThat(b.flows()).hasSize(499);
        assertThat(b.rejected()).containsExactly(new SpanError("resourceSpans[0].scopeSpans[0].spans[321]", "",
                "0000000000000142", "resourceSpans[0].scopeSpans[0].spans[321].traceId", "expected 16 bytes, got 5"));
        assertThatThrownBy(b::flowsOrThrow).isInstanceOf(DecodeException.class)
                .hasMessage("resourceSpans[0].scopeSpans[0].spans[321].traceId: expected 16 bytes, got 5");
    }

    @Test
    void invalidUtf8InsideOneSpanRejectsThatSpanOnly() throws Exception {
        Span bad = good(1).toBuilder().setName("AB~~").build();
        byte[] record = traces(resourceSpans(Resource.getDefaultInstance(), good(0), bad, good(2))).toByteArray();
        int at = indexOf(record, "AB~~".getBytes(StandardCharsets.US_ASCII));
        record[at + 2] = (byte) 0xc0; // an overlong lead byte
        record[at + 3] = (byte) 0x80;

        DecodedBatch b = decoder.decodeProtoBatch(record);

        assertThat(b.flows()).extracting(f -> f.endpoint()).containsExactly("op0", "op2");
        assertThat(b.rejected()).singleElement().satisfies(e -> {
            assertThat(e.span()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]");
            assertThat(e.reason()).startsWith("not a valid Span message").contains("UTF-8");
        });
    }

    @Test
    void missingAndMalformedIdsAreRejected() throws Exception {
        DecodedBatch b = proto(
                good(0).toBuilder().clearTraceId().build(),
                good(1).toBuilder().clearSpanId().build(),
                good(2).toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).build(),
                good(3).toBuilder().setSpanId(ByteString.copyFrom(new byte[9])).build(),
                good(4).toBuilder().setParentSpanId(ByteString.copyFrom(new byte[3])).build());

        assertThat(b.flows()).isEmpty();
        assertThat(b.rejected()).extracting(SpanError::message).containsExactly(
                "resourceSpans[0].scopeSpans[0].spans[0].traceId: missing: every span needs its trace id",
                "resourceSpans[0].scopeSpans[0].spans[1].spanId: missing: every span needs its span id",
                "resourceSpans[0].scopeSpans[0].spans[2].traceId: all zeros, which OpenTelemetry defines as an invalid trace id",
                "resourceSpans[0].scopeSpans[0].spans[3].spanId: expected 8 bytes, got 9",
                "resourceSpans[0].scopeSpans[0].spans[4].parentSpanId: expected 8 bytes or none, got 3");
    }

    @Test
    void absurdTimesAreRejected() throws Exception {
        DecodedBatch b = proto(
                good(0).toBuilder().setStartTimeUnixNano(0).build(),
                good(1).toBuilder().setEndTimeUnixNano(good(1).getStartTimeUnixNano() - 1).build(),
                good(2).toBuilder().setEndTimeUnixNano(-1L).build(),                       // 2^64 − 1 ns: year 2554
                good(3).toBuilder().setStartTimeUnixNano(1_718_000_000_124_100L).build()); // µs, not ns

        assertThat(b.flows()).isEmpty();
        assertThat(b.rejected()).extracting(SpanError::field).containsExactly(
                SPAN0 + ".startTimeUnixNano",
                "resourceSpans[0].scopeSpans[0].spans[1].endTimeUnixNano",
                "resourceSpans[0].scopeSpans[0].spans[2].endTimeUnixNano",
                "resourceSpans[0].scopeSpans[0].spans[3].startTimeUnixNano");
        assertThat(b.rejected().get(1).reason()).startsWith("before the start time");
        assertThat(b.rejected().get(2).reason()).isEqualTo("18446744073709551615 ns is after the year 2262");
        assertThat(b.rejected().get(3).reason()).contains("before the year 2000");
    }

    @Test
    void overlongStringsRejectTheirSpanOrTheirResourcesSpans() throws Exception {
        OtlpSpanDecoder small = new OtlpSpanDecoder(new OtlpLimits(new DecodeLimits(1 << 20, 100, 32), 100));
        String big = "x".repeat(101);
        Span longName = good(0).toBuilder().setName(big).build();
        Span longValue = good(1).toBuilder().addAttributes(str("k", big)).build();
        Span longKey = good(2).toBuilder().addAttributes(str(big, "v")).build();
        TracesData t = traces(resourceSpans(Resource.getDefaultInstance(), longName, longValue, longKey, good(3)),
                resourceSpans(resource(str("ok", "1"), str("service.name", big)), good(4), good(5)));

        DecodedBatch b = small.decodeProtoBatch(t.toByteArray());

        assertThat(b.flows()).extracting(f -> f.endpoint()).containsExactly("op3");
        assertThat(b.rejected()).extracting(SpanError::field).containsExactly(
                SPAN0 + ".name",
                "resourceSpans[0].scopeSpans[0].spans[1].attributes[0].value",
                "resourceSpans[0].scopeSpans[0].spans[2].attributes[0].key",
                "resourceSpans[1].resource.attributes[1].value",
                "resourceSpans[1].resource.attributes[1].value");
        assertThat(b.rejected().get(0).reason()).isEqualTo("string of 101 characters; at most 100 are accepted");
        assertThat(b.rejected().get(3).span()).isEqualTo("resourceSpans[1].scopeSpans[0].spans[0]");
        assertThat(b.rejected().get(3).reason()).startsWith("the span's resource is invalid");
        assertThat(b.rejected().get(4).spanId()).isEqualTo("0000000000000006");
    }

    @Test
    void nestingTooDeepRejectsTheSpanInProtobufAndTheRecordInJson() throws Exception {
        AnyValue v = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 40; i++) {
            v = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(v)).build();
        }
        Span deep = good(1).toBuilder().addAttributes(KeyValue.newBuilder().setKey("deep").setValue(v)).build();
        TracesData t = traces(resourceSpans(Resource.getDefaultInstance(), good(0), deep));

        DecodedBatch b = decoder.decodeProtoBatch(t.toByteArray());
        assertThat(b.flows()).hasSize(1);
        assertThat(b.rejected()).singleElement().extracting(SpanError::reason).asString().contains("nesting");

        DecodeException e = thrown(() -> decoder.decodeJson(OtlpJsonWriter.write(t)));
        assertThat(e.reason()).startsWith("over a limit").contains("nesting depth");
    }

    @Test
    void tooManySpansRefuseTheRecord() {
        OtlpSpanDecoder three = new OtlpSpanDecoder(new OtlpLimits(DecodeLimits.DEFAULTS, 3));
        TracesData t = traces(resourceSpans(Resource.getDefaultInstance(), good(0), good(1)),
                resourceSpans(Resource.getDefaultInstance(), good(2), good(3)));

        DecodeException p = thrown(() -> three.decodeProtoBatch(t.toByteArray()));
        DecodeException j = thrown(() -> three.decodeJsonBatch(OtlpJsonWriter.write(t)));

        for (DecodeException e : new DecodeException[]{p, j}) {
            assertThat(e.field()).isEqualTo("resourceSpans[1].scopeSpans[0].spans[1]");
            assertThat(e.reason()).isEqualTo("the record holds more than 3 spans; at most 3 are accepted in one record");
        }
    }

    @Test
    void recordsOverTheSizeLimitAreRefusedBeforeReading() {
        OtlpSpanDecoder tiny = new OtlpSpanDecoder(new OtlpLimits(new DecodeLimits(64, 10, 8), 10));
        byte[] record = Otlp.sample5b().toByteArray();

        assertThatThrownBy(() -> tiny.decodeProto(record)).hasMessageContaining("at most 64 are accepted");
        assertThatThrownBy(() -> tiny.decodeJson(Otlp.text("export-5b.json"))).hasMessageContaining("at most 64");
    }

    // ---- OTLP/JSON

    @Test
    void malformedJsonIsRefused() {
        String[] bad = {"", "{", "[]", "{\"resourceSpans\":[}", "{\"resourceSpans\":[]} x", "{} {}", "nul",
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"a\",}]}]}]}", "{'a':1}"};
        for (String s : bad) {
            assertThatThrownBy(() -> decoder.decodeJson(s)).as(s).isInstanceOf(DecodeException.class);
            assertThatThrownBy(() -> decoder.decodeJson(s.getBytes(StandardCharsets.UTF_8))).as(s)
                    .isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> decoder.decodeJson("[]")).hasMessageStartingWith("expected a JSON object");
    }

    @Test
    void invalidTextIsRefused() {
        byte[] overlong = "{\"resourceSpans\":[],\"x\":\"\u00c0\u0080\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> decoder.decodeJson(overlong)).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> decoder.decodeJson("{\"x\":\"\ud800\"}")).hasMessageContaining("unpaired UTF-16 surrogate");
    }

    @Test
    void wrongStructureAboveTheSpansRefusesTheRecord() {
        assertThat(thrown(() -> decoder.decodeJson("{\"resourceSpans\":{}}")).getMessage())
                .isEqualTo("resourceSpans: expected an array, got an object");
        assertThat(thrown(() -> decoder.decodeJson("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":3}]}]}")).getMessage())
                .isEqualTo("resourceSpans[0].scopeSpans[0].spans: expected an array, got a number");
        assertThat(thrown(() -> decoder.decodeJson("{\"resourceSpans\":[[]]}")).getMessage())
                .isEqualTo("resourceSpans[0]: expected an object, got an array");
    }

    private static String oneSpan(String spanFields) {
        return "{\"resourceSpans\":[{\"scopeSpans\":[{},{\"spans\":[{\"traceId\":\"" + Samples.T1
                + "\",\"spanId\":\"0000000000000001\",\"startTimeUnixNano\":\"1718000000000000000\","
                + "\"endTimeUnixNano\":\"1718000000000000001\"},{" + spanFields + "}]}]}]}";
    }

    private SpanError rejectedJson(String spanFields) throws DecodeException {
        DecodedBatch b = decoder.decodeJsonBatch(oneSpan(spanFields));
        assertThat(b.flows()).as("the good span beside it").hasSize(1);
        assertThat(b.rejected()).hasSize(1);
        return b.rejected().get(0);
    }

    private static final String IDS = "\"traceId\":\"" + Samples.T1 + "\",\"spanId\":\"0000000000000002\",";
    private static final String TIMES = "\"startTimeUnixNano\":\"1718000000000000000\",\"endTimeUnixNano\":\"1718000000000000002\"";

    @Test
    void jsonIdsMustBeHexOfTheRightLength() throws Exception {
        SpanError e = rejectedJson("\"traceId\":\"5c1f0a7d\",\"spanId\":\"0000000000000002\"," + TIMES);
        assertThat(e.message()).isEqualTo(
                "resourceSpans[0].scopeSpans[1].spans[1].traceId: expected 32 hex characters, got \"5c1f0a7d\"");
        assertThat(rejectedJson("\"traceId\":\"XB8KfS6bTGqPPRsuSmyODw==\",\"spanId\":\"0000000000000002\"," + TIMES)
                .reason()).endsWith("(OTLP/JSON ids are hex, not base64)");
        assertThat(rejectedJson("\"traceId\":12,\"spanId\":\"0000000000000002\"," + TIMES).reason())
                .isEqualTo("expected a hex string, got a number");
        assertThat(rejectedJson("\"traceId\":\"" + Samples.T1 + "\",\"spanId\":\"zz00000000000002\"," + TIMES).field())
                .endsWith("spans[1].spanId");
        assertThat(rejectedJson("\"spanId\":\"0000000000000002\"," + TIMES).message())
                .endsWith("spans[1].traceId: missing: every span needs its trace id");
        SpanError withIds = rejectedJson(IDS + TIMES + ",\"parentSpanId\":\"abc\"");
        assertThat(withIds.traceId()).isEqualTo(Samples.T1);
        assertThat(withIds.spanId()).isEqualTo("0000000000000002");
    }

    @Test
    void jsonValuesOfTheWrongTypeOrRangeRejectTheirSpan() throws Exception {
        String[][] cases = {
                {"\"startTimeUnixNano\":\"-1\",\"endTimeUnixNano\":\"1\"", "startTimeUnixNano", "must not be negative"},
                {"\"startTimeUnixNano\":1.5e18,\"endTimeUnixNano\":\"1\"", "startTimeUnixNano", "fraction or exponent"},
                {"\"startTimeUnixNano\":\"12ab\",\"endTimeUnixNano\":\"1\"", "startTimeUnixNano", "decimal integer"},
                {"\"startTimeUnixNano\":\"1718000000000000000\",\"endTimeUnixNano\":\"32503680000000000000\"",
                        "endTimeUnixNano", "out of range"},
                {TIMES + ",\"kind\":\"SPAN_KIND_BOGUS\"", "kind", "unknown name"},
                {TIMES + ",\"kind\":true", "kind", "expected an integer"},
                {TIMES + ",\"name\":{}", "name", "expected a string, got an object"},
                {TIMES + ",\"attributes\":{}", "attributes", "expected an array"},
                {TIMES + ",\"attributes\":[{\"key\":\"a\",\"value\":{\"intValue\":true}}]", "attributes[0].value.intValue",
                        "expected an integer"},
                {TIMES + ",\"attributes\":[1]", "attributes[0]", "expected an object"},
                {TIMES + ",\"attributes\":[{\"key\":\"a\",\"value\":{\"intValue\":\"99999999999999999999\"}}]",
                        "attributes[0].value.intValue", "out of range"},
                {TIMES + ",\"attributes\":[{\"key\":\"a\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":1}]}}}]",
                        "attributes[0].value.arrayValue.values[0].boolValue", "true or false"},
                {TIMES + ",\"attributes\":[{\"key\":\"a\",\"value\":{\"bytesValue\":\"!!\"}}]",
                        "attributes[0].value.bytesValue", "not base64"},
                {TIMES + ",\"status\":{\"code\":\"STATUS_CODE_MAYBE\"}", "status.code", "unknown name"},
                {TIMES + ",\"status\":{\"message\":7}", "status.message", "expected a string"},
                {TIMES + ",\"name\":\"\\ud800x\"", "name", "surrogate"},
        };
        for (String[] c : cases) {
            SpanError e = rejectedJson(IDS + c[0]);
            assertThat(e.field()).as(c[0]).isEqualTo("resourceSpans[0].scopeSpans[1].spans[1]." + c[1]);
            assertThat(e.reason()).as(c[0]).contains(c[2]);
        }
    }

    @Test
    void aSpanThatIsNotAnObjectIsRejectedAlone() throws Exception {
        DecodedBatch b = decoder.decodeJsonBatch(oneSpan("").replace(",{}]", ",\"x\"]"));

        assertThat(b.flows()).hasSize(1);
        assertThat(b.rejected()).singleElement().extracting(SpanError::message)
                .isEqualTo("resourceSpans[0].scopeSpans[1].spans[1]: expected an object, got a string");
    }

    @Test
    void aBadResourceRejectsItsSpansEvenWhenItComesAfterThem() throws Exception {
        String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + TIMES + "}]}],"
                + "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":5}}]}},"
                + "{\"resource\":null,\"scopeSpans\":[{\"spans\":[{" + IDS + TIMES + "}]}]}]}";

        DecodedBatch b = decoder.decodeJsonBatch(json);

        assertThat(b.flows()).hasSize(1);
        assertThat(b.rejected()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("resourceSpans[0].resource.attributes[0].value.stringValue");
            assertThat(e.reason()).isEqualTo("the span's resource is invalid: expected a string, got a number");
        });
    }

    @Test
    void unknownKeysAndNullsAreIgnored() throws Exception {
        String json = "{\"future\":{\"a\":[1,2]},\"resourceSpans\":[{\"schemaUrl\":\"x\",\"scopeSpans\":[{\"scope\":null,"
                + "\"spans\":[{" + IDS + TIMES + ",\"traceState\":\"k=v\",\"flags\":1,\"events\":[{\"name\":\"e\"}],"
                + "\"droppedAttributesCount\":3,\"attributes\":null,\"parentSpanId\":\"\",\"status\":null,\"x\":[{}]}]}]}]}";

        assertThat(decoder.decodeJson(json)).singleElement().satisfies(f -> {
            assertThat(f.parentSpanId()).isEmpty();
            assertThat(f.responseStatus()).isEqualTo(5);
        });
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
