package io.tracefill.tracing.gen;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.L7FlowTracing;
import io.tracefill.tracing.TraceBuilder;
import io.tracefill.tracing.TraceRequest;
import io.tracefill.tracing.TraceView;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator writes what DeepFlow stores, so the engine links it the way it links real traces. */
class TraceGeneratorTest {

    private static TraceView traceFromEntry(SyntheticTrace t, TracingConfig config) {
        InMemoryFlowIndex index = new InMemoryFlowIndex(t.allRows());
        return new TraceView(new L7FlowTracing(index, config).trace(TraceRequest.forId(t.entryId())));
    }

    private static Set<String> idsOf(List<Flow> rows) {
        return rows.stream().map(Flow::id).collect(Collectors.toSet());
    }

    private static Set<String> outputIds(TraceView v) {
        Set<String> ids = new HashSet<>();
        for (TracedSpan s : v.spans()) {
            ids.addAll(s.ids());
        }
        return ids;
    }

    private static List<Flow> byTapSide(SyntheticTrace t, String tapSide) {
        return t.rows().stream().filter(f -> f.tapSide().equals(tapSide)).toList();
    }

    @Test
    void threeServiceChainBecomesOneTreeWithEveryAppSpanMounted() {
        SyntheticTrace t = TraceGenerator.generate(7, TraceShape.chain(3));

        TraceView v = traceFromEntry(t, TracingConfig.defaults());

        assertThat(outputIds(v)).isEqualTo(idsOf(t.rows()));
        assertThat(v.spans()).filteredOn(s -> s.parentId() < 0).hasSize(1);
        List<Flow> sApps = byTapSide(t, "s-app");
        assertThat(sApps).hasSize(3);
        for (Flow sApp : sApps) {
            String parent = v.parentOf(sApp.id());
            assertThat(parent).as("parent of s-app %s", sApp.appService()).isNotNull();
            assertThat(v.span(parent).flow().tapSide()).isEqualTo("s-p");
        }
        // downstream s-apps hang under the s-p that carries their caller's span id
        assertThat(sApps).filteredOn(f -> !f.parentSpanId().isEmpty())
                .allSatisfy(f -> assertThat(v.reason(f.id())).isEqualTo("s-p sys_span mounted due to same span_id as parent"));
        assertThat(byTapSide(t, "c-p"))
                .allSatisfy(f -> assertThat(v.reason(f.id())).isEqualTo("c-p sys_span mounted due to same span_id as child"));
    }

    @Test
    void entryIsTheFrontendsServerSpanThatStartedTheTrace() {
        SyntheticTrace t = TraceGenerator.generate(7, TraceShape.ofSize(100));

        Flow entry = t.entry();

        assertThat(entry.tapSide()).isEqualTo("s-app");
        assertThat(entry.appService()).isEqualTo("frontend");
        assertThat(entry.parentSpanId()).isEmpty();
        assertThat(entry.traceId()).isEqualTo(t.traceId());
    }

    @Test
    void traceContextTravelsLikeTraceparent() {
        SyntheticTrace t = TraceGenerator.generate(7, TraceShape.chain(3));

        List<Flow> cApps = byTapSide(t, "c-app");
        assertThat(cApps).hasSize(2);
        for (Flow cApp : cApps) {
            // every eBPF and Packet row of the call carries the trace id and the caller's span id
            List<Flow> wire = t.rows().stream()
                    .filter(f -> f.signalSource() != 4 && f.spanId().equals(cApp.spanId())).toList();
            // node NICs only when the call leaves the node
            assertThat(wire).extracting(Flow::tapSide)
                    .contains("c-p", "c", "s", "s-p")
                    .isSubsetOf("c-p", "c", "c-nd", "s-nd", "s", "s-p")
                    .doesNotHaveDuplicates();
            assertThat(wire).allSatisfy(f -> {
                assertThat(f.traceId()).isEqualTo(t.traceId());
                assertThat(f.parentSpanId()).isEmpty();
                assertThat(f.reqTcpSeq()).isEqualTo(wire.get(0).reqTcpSeq()).isNotZero();
                assertThat(f.respTcpSeq()).isEqualTo(wire.get(0).respTcpSeq()).isNotZero();
            });
            // the callee's s-app is the child of the caller's c-app
            assertThat(byTapSide(t, "s-app")).filteredOn(f -> f.parentSpanId().equals(cApp.spanId())).hasSize(1);
        }
    }

    @Test
    void serverProcessSharesSyscallTraceIdsWithTheCallsItMakes() {
        SyntheticTrace t = TraceGenerator.generate(7, TraceShape.chain(3));

        Flow frontendSp = t.rows().stream().filter(f -> f.tapSide().equals("s-p") && f.traceId().isEmpty())
                .findFirst().orElseThrow();
        Flow frontendCp = t.rows().stream().filter(f -> f.tapSide().equals("c-p")
                && f.client().autoInstanceId() == frontendSp.server().autoInstanceId()).findFirst().orElseThrow();

        // one call on the serving thread: the request id is handed on, the response id comes back
        assertThat(frontendCp.syscallTraceIdRequest()).isEqualTo(frontendSp.syscallTraceIdRequest());
        assertThat(frontendCp.syscallTraceIdResponse()).isEqualTo(frontendSp.syscallTraceIdResponse())
                .isNotEqualTo(frontendSp.syscallTraceIdRequest());
        // the last service in the chain calls nobody: one id for request and response
        Flow leafSp = t.rows().stream().filter(f -> f.tapSide().equals("s-p")).filter(f ->
                t.rows().stream().noneMatch(c -> c.tapSide().equals("c-p")
                        && c.client().autoInstanceId() == f.server().autoInstanceId())).findFirst().orElseThrow();
        assertThat(leafSp.syscallTraceIdRequest()).isEqualTo(leafSp.syscallTraceIdResponse());
    }

    @Test
    void sameSeedGivesSameRowsAndAnotherSeedDoesNot() {
        TraceShape shape = TraceShape.ofSize(100);

        SyntheticTrace a = TraceGenerator.generate(42, shape);
        SyntheticTrace b = TraceGenerator.generate(42, shape);
        SyntheticTrace c = TraceGenerator.generate(43, shape);

        assertThat(b.allRows()).isEqualTo(a.allRows());
        assertThat(b.entryId()).isEqualTo(a.entryId());
        assertThat(c.allRows()).isNotEqualTo(a.allRows());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void sizeKnobGivesAboutThatManyRows(int flows) {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticTrace t = TraceGenerator.generate(seed, TraceShape.ofSize(flows));

            assertThat(t.rows().size()).as("seed %d", seed).isBetween(flows * 8 / 10, flows * 13 / 10);
            assertThat(t.noise().size()).as("seed %d", seed).isBetween(t.rows().size() / 3, t.rows().size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void searchFromTheEntryFindsExactlyTheTraceAmongTheNoise(int flows) {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticTrace t = TraceGenerator.generate(seed, TraceShape.ofSize(flows));

            TraceView v = traceFromEntry(t, TracingConfig.defaults());

            assertThat(outputIds(v)).as("seed %d", seed).isEqualTo(idsOf(t.rows()));
            assertThat(v.spans()).as("seed %d", seed).filteredOn(s -> s.parentId() < 0).hasSize(1);
            assertThat(v.spans()).filteredOn(s -> s.flow().tapSide().equals("s-app"))
                    .allSatisfy(s -> assertThat(s.parentId()).isNotNegative());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void withoutAnXRequestIdEveryRowIsStillFound(int flows) {
        SyntheticTrace t = TraceGenerator.generate(20_240_601L, TraceShape.ofSize(flows).withIngressXRequestId(false));
        assertThat(t.allRows()).allSatisfy(f -> {
            assertThat(f.xRequestId0()).isEmpty();
            assertThat(f.xRequestId1()).isEmpty();
        });

        TraceView v = traceFromEntry(t, TracingConfig.defaults());

        // the syscall chain of the frontend's serving thread still reaches its s-p and the request
        // entering the cluster; but DeepFlow hangs an s-p over an app root only by span id, by a
        // syscall id of a c-p it covers or by X-Request-ID, so when the frontend's thread starts
        // with a DNS lookup and ends with a database call its s-app may stay a second root
        assertThat(outputIds(v)).isEqualTo(idsOf(t.rows()));
        assertThat(v.spans()).filteredOn(s -> s.parentId() < 0)
                .allSatisfy(s -> assertThat(s.flow().tapSide().equals("s-nd") || s.ids().contains(t.entryId()))
                        .as("root %s", s.flow().tapSide()).isTrue());
    }

    @Test
    void buildingTheRowsAloneGivesTheSameSingleTree() {
        SyntheticTrace t = TraceGenerator.generate(5, TraceShape.ofSize(100));

        TraceView v = new TraceView(TraceBuilder.build(t.rows(), List.of(), t.entryId(), TracingConfig.defaults(),
                List.of()));

        assertThat(outputIds(v)).isEqualTo(idsOf(t.rows()));
        assertThat(v.spans()).filteredOn(s -> s.parentId() < 0).hasSize(1);
    }

    @Test
    void dnsPacketRowsJoinOnlyWhenDnsTracingIsOn() {
        SyntheticTrace t = TraceGenerator.generate(3, TraceShape.ofSize(100).withDnsShare(1.0));
        assertThat(t.offPathRows()).isNotEmpty();
        TracingConfig withDns = TracingConfig.defaults().withTracingSources(EnumSet.allOf(TracingSource.class));

        Set<String> found = outputIds(traceFromEntry(t, withDns));

        Set<String> expected = idsOf(t.rows());
        expected.addAll(idsOf(t.offPathRows()));
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void corpusHoldsManyRequestsWithUniqueIds() {
        TraceCorpus corpus = TraceCorpus.build(11, TraceShape.ofSize(100), 5_000);

        assertThat(corpus.flows().size()).isBetween(5_000, 5_400);
        assertThat(idsOf(corpus.flows())).hasSameSizeAs(corpus.flows());
        assertThat(corpus.traces()).isGreaterThan(20);
        assertThat(corpus.flows()).containsAll(corpus.probe().rows());

        TraceView v = new TraceView(new L7FlowTracing(new InMemoryFlowIndex(corpus.flows()), TracingConfig.defaults())
                .trace(TraceRequest.forId(corpus.probe().entryId())));
        assertThat(outputIds(v)).isEqualTo(idsOf(corpus.probe().rows()));
    }
}
