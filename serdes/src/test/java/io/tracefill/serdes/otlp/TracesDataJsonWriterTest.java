package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.model.TracingResult;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.tracefill.serdes.otlp.TestSpan.ebpf;
import static io.tracefill.serdes.otlp.TestSpan.result;
import static org.assertj.core.api.Assertions.assertThat;

/** OTLP/JSON as the OTLP specification writes it, and its agreement with the protobuf encoding. */
class TracesDataJsonWriterTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final OtlpTraceEncoder encoder = new OtlpTraceEncoder();

    private JsonNode firstSpan(byte[] json) throws Exception {
        return mapper.readTree(json).get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans").get(0);
    }

    @Test
    void idsAreHexIntegersAreStringsEnumsAreNumbers() throws Exception {
        TracingResult r = result(ebpf(0, "s-p").trace("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f")
                .flow(f -> f.responseStatus(3).startTimeUs(1_718_000_000_123_456L).endTimeUs(1_718_000_000_135_790L))
                .render(0, 0).build(), ebpf(1, "c-p").parent(0, "0xabc.s-p.0").build());
        byte[] json = encoder.encodeJson(r);

        JsonNode span = firstSpan(json);
        assertThat(span.get("traceId").textValue()).isEqualTo("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f");
        assertThat(span.get("spanId").textValue()).matches("[0-9a-f]{16}");
        assertThat(span.has("parentSpanId")).as("a root has no parent field").isFalse();
        assertThat(span.get("kind").isInt()).isTrue();
        assertThat(span.get("kind").intValue()).isEqualTo(2);
        assertThat(span.get("startTimeUnixNano").textValue()).isEqualTo("1718000000123456000");
        assertThat(span.get("endTimeUnixNano").textValue()).isEqualTo("1718000000135790000");
        assertThat(span.get("status").get("code").intValue()).isEqualTo(2);
        JsonNode index = null;
        for (JsonNode kv : span.get("attributes")) {
            if (kv.get("key").textValue().equals(OtlpAttributes.INDEX)) {
                index = kv.get("value");
            }
        }
        assertThat(index).isNotNull();
        assertThat(index.get("intValue").textValue()).isEqualTo("0");
        JsonNode child = mapper.readTree(json).get("resourceSpans").get(1).get("scopeSpans").get(0).get("spans").get(0);
        assertThat(child.get("parentSpanId").textValue()).isEqualTo(span.get("spanId").textValue());
    }

    @Test
    void theJsonReadsBackToTheSameMessageAsTheProtobuf() throws Exception {
        TracingResult r = SpanIdsTest.callAcrossTwoServices();

        TracesData fromJson = TracesDataJsonReader.read(encoder.encodeJson(r));
        TracesData fromProto = TracesData.parseFrom(encoder.encodeProto(r));

        assertThat(fromJson).isEqualTo(fromProto).isEqualTo(encoder.encode(r));
    }

    @Test
    void everyValueKindAndFieldRoundTrips() {
        AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("b", AnyValue.newBuilder().setBoolValue(true).build()))
                .addValues(kv("d", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .addValues(kv("n", AnyValue.newBuilder().setIntValue(-7).build()))
                .addValues(kv("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
                .addValues(kv("arr", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("x\"y\\z\n"))).build())))
                .build();
        TracesData d = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()
                        .setTraceId(ByteString.copyFrom(new byte[16]).concat(ByteString.EMPTY))
                        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xff}))
                        .setTraceState("k=v").setFlags(0x301).setName("n")
                        .setStartTimeUnixNano(-1L) // 2^64-1: fixed64 is unsigned
                        .addAttributes(kv("all", nested))
                        .setDroppedAttributesCount(3).setDroppedEventsCount(4).setDroppedLinksCount(5)
                        .addEvents(Span.Event.newBuilder().setName("e").setTimeUnixNano(9)))))
                .build();

        byte[] json = TracesDataJsonWriter.write(d);

        assertThat(TracesDataJsonReader.read(json)).isEqualTo(d);
        assertThat(new String(json)).contains("\"spanId\":\"01020304050607ff\"")
                .contains("\"bytesValue\":\"" + Base64.getEncoder().encodeToString("hi".getBytes()) + "\"")
                .contains("\"startTimeUnixNano\":\"18446744073709551615\"")
                .contains("\"flags\":769");
    }

    @Test
    void defaultsAreLeftOut() throws Exception {
        JsonNode span = firstSpan(encoder.encodeJson(result(ebpf(0, "rest").build())));

        assertThat(span.has("kind")).isFalse();             // UNSPECIFIED
        assertThat(span.has("status")).isFalse();           // UNSET, no message
        assertThat(span.has("traceState")).isFalse();
        assertThat(span.has("droppedAttributesCount")).isFalse();
    }

    @Test
    void theTextIsTheSameOnEveryRun() {
        assertThat(encoder.encodeJsonString(SpanIdsTest.callAcrossTwoServices()))
                .isEqualTo(encoder.encodeJsonString(SpanIdsTest.callAcrossTwoServices()));
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
