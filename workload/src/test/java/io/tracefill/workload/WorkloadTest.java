package io.tracefill.workload;

import io.tracefill.serdes.json.FlowRowDecoder;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.serdes.otlp.DecodedBatch;
import io.tracefill.serdes.otlp.OtlpSpanDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest {
    private static final long START = WorkloadSpec.DEFAULT_START_US;
    private static final WorkloadSpec TEN_SECONDS = WorkloadSpec.of(7, 20, Duration.ofSeconds(10), START);
    /** Generated once: several tests read the same traffic. */
    private static final Generated G = Generated.of(TEN_SECONDS);

    @Test
    void sameSpecGivesByteIdenticalRecordsAndAnotherSeedDoesNot() {
        List<WireRecord> a = Workload.generate(TEN_SECONDS).stream().toList();
        List<WireRecord> b = Workload.generate(TEN_SECONDS).stream().toList();
        List<WireRecord> c = Workload.generate(TEN_SECONDS.withSeed(8)).stream().toList();

        assertThat(a).isNotEmpty();
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void eventTimesFollowTheStartTimeNotTheClock() {
        long later = START + 86_400_000_000L;

        List<WireRecord> a = Workload.generate(TEN_SECONDS).stream().toList();
        List<WireRecord> b = Workload.generate(TEN_SECONDS.withStartTimeUs(later)).stream().toList();

        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).timestampMs() - a.get(i).timestampMs()).isEqualTo(86_400_000L);
        }
    }

    @Test
    void theRateAndDurationDecideHowManyTracesArrive() {
        Generated g = Generated.of(WorkloadSpec.of(3, 100, Duration.ofSeconds(10), START).withBackgroundScale(0));

        // Poisson: 1000 expected, ± 4 standard deviations
        assertThat(g.traces()).hasSizeBetween(870, 1130);
        assertThat(g.traces()).allSatisfy(t -> assertThat(t.startTimeUs()).isBetween(START, START + 10_000_000));
        assertThat(g.traces()).extracting(TraceTruth::startTimeUs).isSorted();
    }

    @Test
    void deepflowRowsComeAtTheirAgentsFlushesSoTheirTimestampsAreALittleOutOfOrder() {
        Generated g = G;

        // DeepFlow stamps a row with its end time; agents flush once a second, each on its own clock
        assertThat(maxLatenessMs(g.records(Topic.DEEPFLOW))).isPositive().isLessThan(2_000);
        // the Collector's Kafka exporter stamps a record when it sends it
        assertThat(maxLatenessMs(g.records(Topic.OTLP))).isZero();
        // nothing before the start (beyond an agent's clock skew), nothing long after the end
        assertThat(g.records()).allSatisfy(r -> assertThat(r.timestampMs())
                .isBetween(START / 1000 - 2, START / 1000 + 10_000 + 5_000));
    }

    /** The most a record's timestamp lies behind the latest one before it. */
    private static long maxLatenessMs(List<WireRecord> records) {
        long maxSeen = Long.MIN_VALUE;
        long worst = 0;
        for (WireRecord r : records) {
            maxSeen = Math.max(maxSeen, r.timestampMs());
            worst = Math.max(worst, maxSeen - r.timestampMs());
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void everyOtlpRecordDecodesWithoutRejectionsAndHoldsOneTraceKeyedByItsId(OtlpEncoding encoding) throws Exception {
        WorkloadSpec spec = TEN_SECONDS.withOtlpEncoding(encoding);
        List<TraceTruth> traces = new ArrayList<>();
        List<WireRecord> otlp = Workload.generate(spec, traces::add).stream().filter(r -> r.topic() == Topic.OTLP)
                .toList();
        OtlpSpanDecoder decoder = new OtlpSpanDecoder();
        Map<String, Integer> spansPerTrace = new HashMap<>();

        for (WireRecord r : otlp) {
            DecodedBatch b = encoding == OtlpEncoding.OTLP_PROTO ? decoder.decodeProtoBatch(r.value())
                    : decoder.decodeJsonBatch(r.value());
            assertThat(b.rejected()).isEmpty();
            assertThat(b.flows()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.traceId()).isEqualTo(r.keyText());
                assertThat(f.tapSide()).isIn(TapSide.CLIENT_APP, TapSide.SERVER_APP);
            });
            spansPerTrace.merge(r.keyText(), b.flows().size(), Integer::sum);
        }

        assertThat(spansPerTrace).isEqualTo(traces.stream()
                .collect(Collectors.toMap(TraceTruth::traceId, TraceTruth::appSpans)));
        if (encoding == OtlpEncoding.OTLP_JSON) {
            assertThat(new String(otlp.get(0).value(), StandardCharsets.UTF_8))
                    .startsWith("{\"resourceSpans\":[").contains("\"traceId\":\"" + otlp.get(0).keyText() + "\"");
        }
    }

    @Test
    void everyDeepflowRecordDecodesAsAnUnkeyedAgentRowStampedWithItsEndTime() throws Exception {
        FlowRowDecoder decoder = new FlowRowDecoder();

        for (WireRecord r : G.records(Topic.DEEPFLOW)) {
            Flow f = decoder.decode(r.value());
            assertThat(r.key()).isNull();
            assertThat(r.timestampMs()).isEqualTo(Math.floorDiv(f.endTimeUs(), 1000L));
            assertThat(f.signalSource()).isIn(SignalSource.PACKET, SignalSource.EBPF);
            assertThat(f.vtapId()).isNotZero();
        }
    }

    @Test
    void eachTraceOwnsItsRowsAndTheRowIdsAreUnique() {
        Generated g = G;
        Set<String> ids = new HashSet<>();
        g.deepflowRows().forEach(f -> assertThat(ids.add(f.id())).as("duplicate _id %s", f.id()).isTrue());

        Set<String> owned = new HashSet<>();
        for (TraceTruth t : g.traces()) {
            assertThat(t.deepflowRowIds()).isNotEmpty().allSatisfy(id -> {
                assertThat(ids).contains(id);
                assertThat(owned.add(id)).as("row %s in two traces", id).isTrue();
            });
            assertThat(t.deepflowRowIds()).containsAll(t.dnsRowIds());
            assertThat(t.appSpans()).isPositive();
        }
        // background traffic: rows that belong to no request
        assertThat(ids.size()).isGreaterThan(owned.size());
        Generated quiet = Generated.of(TEN_SECONDS.withBackgroundScale(0));
        assertThat(quiet.deepflowRows()).extracting(Flow::id).containsExactlyInAnyOrderElementsOf(
                quiet.traces().stream().flatMap(t -> t.deepflowRowIds().stream()).toList());
    }

    @Test
    void appSpansAndTheDeepflowRowsOfTheirPodNameTheSameInstance() {
        Generated g = G;
        Map<String, Long> serverProcessInstances = new HashMap<>();
        for (Flow f : g.deepflowRows()) {
            if (f.tapSide().equals(TapSide.SERVER_PROCESS)) {
                serverProcessInstances.put(f.server().autoInstance(), f.server().autoInstanceId());
            }
        }

        List<Flow> serverSpans = g.appSpansByTrace().values().stream().flatMap(List::stream)
                .filter(f -> f.tapSide().equals(TapSide.SERVER_APP)).toList();
        assertThat(serverSpans).isNotEmpty().allSatisfy(s -> {
            assertThat(serverProcessInstances).containsKey(s.server().autoInstance());
            assertThat(s.server().autoInstanceId()).isNotZero()
                    .isEqualTo(serverProcessInstances.get(s.server().autoInstance()));
        });
    }

    @Test
    void theTrafficHasTheShapesThePipelineMustHandle() {
        Generated g = Generated.of(TEN_SECONDS.withSplitShare(0.2).withErrorShare(0.5));
        List<Flow> rows = g.deepflowRows();

        assertThat(rows).extracting(Flow::tapSide).contains("c-gw", "s-gw", "s-nd", "s", "s-p", "c-p", "c", "c-nd");
        assertThat(rows).extracting(Flow::type).contains(FlowType.REQUEST, FlowType.RESPONSE, FlowType.SESSION);
        assertThat(rows).extracting(Flow::l7ProtocolStr).contains("HTTP", "gRPC", "MySQL", "Redis", "DNS");
        assertThat(rows.stream().map(Flow::vtapId).distinct().count()).as("agents").isEqualTo(5);
        // no trace context on the database and DNS wires, X-Request-ID only around the ingress
        assertThat(rows).filteredOn(f -> List.of("MySQL", "Redis", "DNS").contains(f.l7ProtocolStr()))
                .allSatisfy(f -> assertThat(f.traceId()).isEmpty());
        assertThat(rows).filteredOn(f -> !f.xRequestId0().isEmpty() || !f.xRequestId1().isEmpty())
                .extracting(f -> f.server().autoService()).containsOnly("ingress-nginx-controller", "frontend");
        assertThat(rows).anySatisfy(f -> assertThat(Long.compareUnsigned(f.syscallTraceIdRequest(), Long.MAX_VALUE))
                .isPositive());
        assertThat(g.traces()).anyMatch(TraceTruth::failed).anyMatch(t -> !t.failed())
                .anyMatch(t -> !t.dnsRowIds().isEmpty());
    }

    @Test
    void aSpecOutsideItsRangeIsRefusedWithAReason() {
        assertThatThrownBy(() -> TEN_SECONDS.withRate(0)).hasMessageContaining("rate must be > 0");
        assertThatThrownBy(() -> TEN_SECONDS.withRate(Double.NaN)).hasMessageContaining("rate");
        assertThatThrownBy(() -> TEN_SECONDS.withDuration(Duration.ZERO)).hasMessageContaining("duration");
        assertThatThrownBy(() -> TEN_SECONDS.withStartTimeUs(1_000)).hasMessageContaining("2000-01-01");
        assertThatThrownBy(() -> TEN_SECONDS.withSplitShare(1.5)).hasMessageContaining("split share");
        assertThatThrownBy(() -> TEN_SECONDS.withBackgroundScale(-1)).hasMessageContaining("background");
    }
}
