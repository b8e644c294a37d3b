package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.DecodeLimits;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: whatever the bytes or field values, the decoder returns sane rows (and rejected
 * spans) or throws a {@link DecodeException} that is not its internal-error safety net. Fixed
 * seeds, so a failure reproduces; the failing input is printed in hex.
 */
class OtlpFuzzTest {
    private static final String[] KEYS = {"http.method", "http.target", "http.status_code", "http.url", "http.host",
            "http.flavor", "http.scheme", "net.peer.ip", "net.transport", "db.system", "db.statement", "db.operation",
            "rpc.system", "rpc.service", "rpc.method", "messaging.system", "messaging.url", "http.request.method",
            "url.path", "url.query", "url.full", "http.response.status_code", "server.address", "network.peer.address",
            "network.transport", "network.protocol.version", "db.system.name", "db.query.text", "sw8.segment_id",
            "sw8.span_id", "sw8.parent_span_id", "sw8.trace_id", "http.request_content_length", "service.name",
            "service.instance.id", "app.host.ip", "k8s.pod.name", "k8s.node.name", "host.name", "k8s.deployment.name",
            "df.capture_info.agent", "custom", ""};
    private static final String[] TEXTS = {"", "GET", "/a?b=1", "200", "abc", "10.0.0.1", "::1", "fe80::1%eth0",
            "ip_udp", "tcp", "mysql", "grpc", "https", "http://h:1/p", "2", "π/µ", "\uD83D\uDE00", "\"\\", "1e3", "-5"};
    private static final Set<String> TAP_SIDES = Set.of("app", "c-app", "s-app");

    private final OtlpSpanDecoder decoder = new OtlpSpanDecoder(new OtlpLimits(new DecodeLimits(1 << 20, 64, 24), 50));
    private int decoded;
    private int refused;

    @Test
    void randomBytesOnlyEverGiveRowsOrDecodeException() {
        Random rnd = new Random(0x07_1b_0001L);
        byte[] jsonish = "{}[]\":,.-0123456789 eE\\utrnfalsenull\"traceId\"spanId\"resourceSpans\"scopeSpans\"spans"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 4_000; i++) {
            byte[] b = new byte[rnd.nextInt(200)];
            boolean text = rnd.nextBoolean();
            for (int j = 0; j < b.length; j++) {
                b[j] = text ? jsonish[rnd.nextInt(jsonish.length)] : (byte) rnd.nextInt(256);
            }
            checkProto(b);
            checkJson(b);
        }
        assertThat(refused).isPositive();
    }

    @Test
    void mutatedProtobufOnlyEverGivesRowsOrDecodeException() {
        Random rnd = new Random(0x07_1b_0002L);
        byte[] valid = Samples.mixedBatch().toByteArray();
        for (int i = 0; i < 4_000; i++) {
            checkProto(mutate(valid, rnd));
        }
        assertThat(decoded).as("some mutations still decode").isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void mutatedJsonOnlyEverGivesRowsOrDecodeException() {
        Random rnd = new Random(0x07_1b_0003L);
        byte[] valid = OtlpJsonWriter.write(Samples.mixedBatch()).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4_000; i++) {
            byte[] m = mutate(valid, rnd);
            checkJson(m);
            if (Utf8Check.valid(m)) {
                checkJsonText(new String(m, StandardCharsets.UTF_8));
            }
        }
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void randomFieldValuesDecodeAlikeFromBothEncodings() throws Exception {
        Random rnd = new Random(0x07_1b_0004L);
        for (int i = 0; i < 600; i++) {
            TracesData t = randomBatch(rnd);
            DecodedBatch proto = decoder.decodeProtoBatch(t.toByteArray());
            DecodedBatch json = decoder.decodeJsonBatch(OtlpJsonWriter.write(t, rnd.nextBoolean()));
            sane(proto);
            assertThat(json.flows()).as("batch %d", i).isEqualTo(proto.flows());
            assertThat(json.rejected()).extracting(SpanError::span)
                    .isEqualTo(proto.rejected().stream().map(SpanError::span).toList());
            decoded += proto.flows().size();
            refused += proto.rejected().size();
        }
        assertThat(decoded).isPositive();
        assertThat(refused).as("rejected spans").isPositive();
    }

    private TracesData randomBatch(Random rnd) {
        TracesData.Builder t = TracesData.newBuilder();
        int resources = 1 + rnd.nextInt(3);
        for (int r = 0; r < resources; r++) {
            Resource.Builder res = Resource.newBuilder();
            for (int a = rnd.nextInt(5); a > 0; a--) {
                res.addAttributes(randomAttribute(rnd, 0));
            }
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(res);
            for (int s = 1 + rnd.nextInt(2); s > 0; s--) {
                ScopeSpans.Builder ss = ScopeSpans.newBuilder();
                for (int k = rnd.nextInt(5); k > 0; k--) {
                    ss.addSpans(randomSpan(rnd));
                }
                rs.addScopeSpans(ss);
            }
            t.addResourceSpans(rs);
        }
        return t.build();
    }

    private Span randomSpan(Random rnd) {
        long start = rnd.nextInt(10) == 0 ? rnd.nextLong() : 1_700_000_000_000_000_000L + rnd.nextInt(1_000_000_000);
        long end = rnd.nextInt(10) == 0 ? rnd.nextLong() : start + rnd.nextInt(5_000_000) - (rnd.nextInt(20) == 0 ? 10 : 0);
        Span.Builder s = Span.newBuilder()
                .setTraceId(randomId(rnd, 16))
                .setSpanId(randomId(rnd, 8))
                .setParentSpanId(rnd.nextBoolean() ? ByteString.EMPTY : randomId(rnd, 8))
                .setName(TEXTS[rnd.nextInt(TEXTS.length)])
                .setKindValue(rnd.nextInt(7))
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(end);
        for (int a = rnd.nextInt(6); a > 0; a--) {
            s.addAttributes(randomAttribute(rnd, 0));
        }
        if (rnd.nextBoolean()) {
            s.setStatus(Status.newBuilder().setCodeValue(rnd.nextInt(4)).setMessage(TEXTS[rnd.nextInt(TEXTS.length)]));
        }
        return s.build();
    }

    private static ByteString randomId(Random rnd, int size) {
        int n = rnd.nextInt(12) == 0 ? rnd.nextInt(20) : size;
        byte[] b = new byte[n];
        if (rnd.nextInt(15) != 0) {
            rnd.nextBytes(b);
        }
        return ByteString.copyFrom(b);
    }

    private KeyValue randomAttribute(Random rnd, int depth) {
        KeyValue.Builder kv = KeyValue.newBuilder().setKey(KEYS[rnd.nextInt(KEYS.length)]);
        if (rnd.nextInt(12) != 0) {
            kv.setValue(randomValue(rnd, depth));
        }
        return kv.build();
    }

    private AnyValue randomValue(Random rnd, int depth) {
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (rnd.nextInt(depth > 2 ? 5 : 7)) {
            case 0, 1 -> v.setStringValue(rnd.nextInt(20) == 0 ? "x".repeat(65) : TEXTS[rnd.nextInt(TEXTS.length)]);
            case 2 -> v.setIntValue(rnd.nextBoolean() ? rnd.nextInt(700) : rnd.nextLong());
            case 3 -> v.setDoubleValue(rnd.nextInt(8) == 0 ? Double.NaN : rnd.nextDouble() * 1000);
            case 4 -> v.setBoolValue(rnd.nextBoolean());
            case 5 -> {
                ArrayValue.Builder a = ArrayValue.newBuilder();
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    a.addValues(randomValue(rnd, depth + 1));
                }
                v.setArrayValue(a);
            }
            default -> {
                KeyValueList.Builder l = KeyValueList.newBuilder();
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    l.addValues(randomAttribute(rnd, depth + 1));
                }
                v.setKvlistValue(l);
            }
        }
        return v.build();
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c.length == 0 ? b : c;
                }
                default -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    private void checkProto(byte[] input) {
        try {
            sane(decoder.decodeProtoBatch(input));
            decoded++;
        } catch (DecodeException e) {
            refusedWell(e, input);
        } catch (Throwable t) {
            fail("threw " + t + " for proto " + HexFormat.of().formatHex(input), t);
        }
    }

    private void checkJson(byte[] input) {
        try {
            sane(decoder.decodeJsonBatch(input));
            decoded++;
        } catch (DecodeException e) {
            refusedWell(e, input);
        } catch (Throwable t) {
            fail("threw " + t + " for json " + HexFormat.of().formatHex(input), t);
        }
    }

    private void checkJsonText(String input) {
        try {
            sane(decoder.decodeJsonBatch(input));
        } catch (DecodeException e) {
            refusedWell(e, input.getBytes(StandardCharsets.UTF_8));
        } catch (Throwable t) {
            fail("threw " + t + " for json text " + input, t);
        }
    }

    private void refusedWell(DecodeException e, byte[] input) {
        refused++;
        assertThat(e.reason()).as(HexFormat.of().formatHex(input)).isNotBlank().doesNotStartWith("internal");
    }

    private static void sane(DecodedBatch b) {
        List<Flow> flows = b.flows();
        for (Flow f : flows) {
            assertThat(OtlpRowIds.isOtlpRowId(f.id())).isTrue();
            assertThat(f.signalSource()).isEqualTo(4);
            assertThat(f.type()).isEqualTo(2);
            assertThat(TAP_SIDES).contains(f.tapSide());
            assertThat(f.startTimeUs()).isPositive().isLessThanOrEqualTo(f.endTimeUs());
            assertThat(f.responseDuration()).isEqualTo(f.endTimeUs() - f.startTimeUs());
            assertThat(f.traceId()).isNotEmpty();
            assertThat(f.spanId()).isNotEmpty();
        }
        for (SpanError e : b.rejected()) {
            assertThat(e.field()).startsWith(e.span().substring(0, e.span().indexOf(']') + 1));
            assertThat(e.reason()).isNotBlank().doesNotStartWith("internal");
        }
    }

    /** Strict UTF-8 test for choosing which mutated JSON can also be tried as a String. */
    private static final class Utf8Check {
        static boolean valid(byte[] b) {
            return io.tracefill.serdes.json.Utf8.firstInvalid(b, 0, b.length) < 0;
        }
    }
}
