package io.tracefill.workload;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;
import io.tracefill.tracing.InMemoryFlowIndex;
import io.tracefill.tracing.TraceCompletion;
import io.tracefill.tracing.TracingConfig;
import io.tracefill.tracing.TracingSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated traffic is linkable: DeepFlow's algorithm, run offline as the {@code complete}
 * command runs it (the trace's app spans decoded from OTLP, over an index of every DeepFlow row
 * decoded from the exporter JSON, background traffic included), puts each request's eBPF and
 * Packet rows under its app spans as one tree, and takes in nothing else.
 */
class LinkabilityTest {
    private static final Generated G = Generated.of(WorkloadSpec.of(11, 20, Duration.ofSeconds(5),
            WorkloadSpec.DEFAULT_START_US).withErrorShare(0.3).withSplitShare(0.1));
    private static final InMemoryFlowIndex INDEX = new InMemoryFlowIndex(G.deepflowRows());

    private static TracingResult complete(TraceTruth t, TracingConfig config) {
        return new TraceCompletion(INDEX, config).complete(G.appSpansByTrace().get(t.traceId()), null, null);
    }

    private static Set<String> ids(TracingResult r) {
        Set<String> ids = new HashSet<>();
        r.tracing().forEach(s -> ids.addAll(s.ids()));
        return ids;
    }

    @Test
    void eachRequestBecomesOneTreeOfItsAppSpansAndAllItsDeepflowRowsButTheDnsServersOnes() {
        assertThat(G.traces()).hasSizeGreaterThan(50);
        for (TraceTruth t : G.traces()) {
            TracingResult r = complete(t, TracingConfig.defaults());

            Set<String> expected = new HashSet<>(t.deepflowRowIds());
            t.dnsRowIds().forEach(expected::remove);
            G.appSpansByTrace().get(t.traceId()).forEach(f -> expected.add(f.id()));
            assertThat(ids(r)).as("rows of %s %s", t.route(), t.traceId()).isEqualTo(expected);
            List<TracedSpan> roots = r.tracing().stream().filter(s -> s.parentId() < 0).toList();
            assertThat(roots).as("roots of %s", t.traceId()).hasSize(1);
            // the edge load balancer's client side saw the request first
            assertThat(roots.get(0).flow().tapSide()).isEqualTo(TapSide.CLIENT_GATEWAY);
        }
    }

    @Test
    void everyInstrumentedCallHangsUnderItsClientSpanAndTheServerSpanUnderTheServersProcess() {
        int calls = 0;
        for (TraceTruth t : G.traces()) {
            TracingResult r = complete(t, TracingConfig.defaults());
            Map<Integer, TracedSpan> byIndex = new HashMap<>();
            r.tracing().forEach(s -> byIndex.put(s.id(), s));
            for (TracedSpan app : r.tracing()) {
                Flow f = app.flow();
                if (f.tapSide().equals(TapSide.CLIENT_APP) && !f.requestResource().isEmpty() && !isDb(f)) {
                    calls++;
                    // c-p, c, c-nd, s-nd, s, s-p of the call: everything that carries its span id
                    List<TracedSpan> wire = r.tracing().stream()
                            .filter(s -> s.flow().signalSource() != SignalSource.OTEL)
                            .filter(s -> s.flow().spanId().equals(f.spanId())).toList();
                    assertThat(wire).extracting(s -> s.flow().tapSide()).contains("c-p", "c", "s", "s-p");
                    assertThat(wire).allSatisfy(s -> assertThat(descendsFrom(s, app, byIndex))
                            .as("%s of %s under its c-app", s.flow().tapSide(), f.endpoint()).isTrue());
                    TracedSpan cp = wire.stream().filter(s -> s.flow().tapSide().equals("c-p")).findFirst()
                            .orElseThrow();
                    assertThat(cp.deepflowParentSpanId()).isEqualTo(app.deepflowSpanId());
                }
                if (f.tapSide().equals(TapSide.SERVER_APP) && !f.parentSpanId().isEmpty()) {
                    TracedSpan parent = byIndex.get(app.parentId());
                    assertThat(parent.flow().tapSide()).isEqualTo(TapSide.SERVER_PROCESS);
                    assertThat(parent.flow().spanId()).isEqualTo(f.parentSpanId());
                    assertThat(parent.flow().server().autoInstance()).isEqualTo(f.server().autoInstance());
                    assertThat(app.deepflowParentSpanId()).isEqualTo(parent.deepflowSpanId());
                }
            }
        }
        assertThat(calls).isGreaterThan(100);
    }

    @Test
    void withDnsTracingTheDnsServersRowsJoinTheTraceToo() {
        TracingConfig withDns = TracingConfig.defaults().withTracingSources(EnumSet.of(TracingSource.TRACE_ID,
                TracingSource.SYSCALL, TracingSource.TCP_SEQ, TracingSource.X_REQUEST_ID, TracingSource.DNS));
        List<TraceTruth> withLookups = G.traces().stream().filter(t -> !t.dnsRowIds().isEmpty()).toList();

        assertThat(withLookups).isNotEmpty();
        for (TraceTruth t : withLookups) {
            assertThat(ids(complete(t, withDns))).containsAll(t.dnsRowIds());
        }
    }

    private static boolean isDb(Flow appSpan) {
        return appSpan.attributes().containsKey("db.system");
    }

    private static boolean descendsFrom(TracedSpan s, TracedSpan ancestor, Map<Integer, TracedSpan> byIndex) {
        for (TracedSpan p = s; p != null; p = p.parentId() < 0 ? null : byIndex.get(p.parentId())) {
            if (p.id() == ancestor.id()) {
                return true;
            }
        }
        return false;
    }
}
