package io.tracefill.serdes.otlp;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpRowIdsTest {
    private static final BigInteger LOW = BigInteger.valueOf(3).shiftLeft(62);
    private static final BigInteger TOP = BigInteger.ONE.shiftLeft(64);

    @Test
    void theIdIsFixedForASpanAcrossRunsAndVersions() {
        // pinned: a change here renumbers every stored OTel row
        assertThat(OtlpRowIds.of(Otlp.id(Otlp.TRACE_5B), Otlp.id("3e4f5a6b7c8d9e0f"))).isEqualTo(
                OtlpRowIds.of(ByteString.copyFrom(Otlp.id(Otlp.TRACE_5B).toByteArray()), Otlp.id("3e4f5a6b7c8d9e0f")));
        assertThat(OtlpRowIds.of(Otlp.id(Otlp.TRACE_5B), Otlp.id("3e4f5a6b7c8d9e0f"))).isEqualTo("16146527933106520694");
    }

    @Test
    void idsLieAboveDeepFlowsAndAreDistinctPerSpan() {
        Random rnd = new Random(7);
        Set<String> seen = new HashSet<>();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        for (int i = 0; i < 200_000; i++) {
            if (i % 1000 == 0) {
                rnd.nextBytes(trace);
            }
            span[7] = (byte) i; // sequential span ids in a trace, as some SDKs make them
            span[6] = (byte) (i >>> 8);
            String id = OtlpRowIds.of(ByteString.copyFrom(trace), ByteString.copyFrom(span));
            BigInteger v = new BigInteger(id);
            assertThat(v).isGreaterThanOrEqualTo(LOW).isLessThan(TOP);
            assertThat(OtlpRowIds.isOtlpRowId(id)).isTrue();
            assertThat(seen.add(id)).as("distinct").isTrue();
        }
    }

    @Test
    void deepFlowsOwnIdsAreNotOtlpRowIds() {
        assertThat(OtlpRowIds.isOtlpRowId("7378753814532206649")).as("formats §5.A").isFalse();
        // DeepFlow's largest id for a second before 2071: (3·2^30 − 1) << 32 | 0xffffffff
        assertThat(OtlpRowIds.isOtlpRowId(BigInteger.valueOf(3).shiftLeft(62).subtract(BigInteger.ONE).toString())).isFalse();
        assertThat(OtlpRowIds.isOtlpRowId("281474976710655")).as("a completion-API id below 2^48").isFalse();
        assertThat(OtlpRowIds.isOtlpRowId("abc")).isFalse();
        assertThat(OtlpRowIds.isOtlpRowId(null)).isFalse();
    }
}
