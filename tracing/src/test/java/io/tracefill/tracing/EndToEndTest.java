package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.CompletionRequest;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static io.tracefill.tracing.Flows.otel;
import static io.tracefill.tracing.Flows.pkt;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "End to end": the whole L7FlowTracing and the Trace Completion API. */
class EndToEndTest {

    /**
     * T53: service A calls nginx, nginx calls B, B calls MySQL; times nested. The Packet spans
     * between nginx and B carry the trace and span ids of the request they see on the wire
     * (span A2, as N.cp and B.sp do).
     */
    static Flow[] t53() {
        return new Flow[]{
                // A: vtap 1, pod 11 podA
                otel("A.sapp", "s-app").trace("T").span("A1").times(1000, 19_000).pod(11).instanceName("podA").build(),
                otel("A.capp", "c-app").trace("T").span("A2").parent("A1").times(2000, 18_000).pod(11)
                        .instanceName("podA").build(),
                ebpf("A.cp", "c-p").trace("T").span("A2").times(2100, 17_900).seq(1, 2).pod(11).instanceName("podA")
                        .pid(10).sys(11, 12).build(),
                pkt("A.c", "c").trace("T").span("A2").times(2200, 17_800).seq(1, 2).build(),
                // nginx: vtap 2, pod 22
                pkt("N.s", "s").trace("T").span("A2").times(2300, 17_700).seq(1, 2).x1("X").vtap(2).build(),
                ebpf("N.sp", "s-p").trace("T").span("A2").times(2400, 17_600).seq(1, 2).x1("X").vtap(2).pod(22)
                        .pid(20).sys(21, 22).build(),
                ebpf("N.cp", "c-p").trace("T").span("A2").times(2500, 17_500).seq(5, 6).x0("X").vtap(2).pod(22)
                        .pid(20).sys(23, 24).build(),
                pkt("N.c", "c").trace("T").span("A2").times(2600, 17_400).seq(5, 6).x0("X").vtap(2).build(),
                // B: vtap 3, pod 33
                pkt("B.s", "s").trace("T").span("A2").times(2700, 17_300).seq(5, 6).x0("X").vtap(3).build(),
                ebpf("B.sp", "s-p").trace("T").span("A2").times(2800, 17_200).seq(5, 6).x0("X").vtap(3).pod(33)
                        .pid(30).sys(31, 39).build(),
                otel("B.sapp", "s-app").trace("T").span("B1").parent("A2").times(2900, 17_100).vtap(3).pod(33).build(),
                ebpf("B.cp.sql", "c-p").mysql().times(3000, 5000).seq(8, 9).vtap(3).pod(33).pid(30).sys(31, 32).build(),
                // MySQL: vtap 4, pod 44
                ebpf("M.sp", "s-p").mysql().times(3100, 4900).seq(8, 9).vtap(4).pod(44).sys(41, 41).build()};
    }

    @Test
    @DisplayName("T53: A -> nginx -> B -> MySQL becomes one tree, linked by span ids, tcp seqs, x-request-id and syscall ids")
    void givenRequestThroughNginxToBAndMySql_whenTracedFromEntryAppSpan_thenOneTree() {
        Flow[] rows = t53();

        TraceView v = Scenario.trace(TracingConfig.defaults(), RecordingFlowIndex.over(rows),
                Scenario.request("A.sapp", SearchStageTest.WINDOW));

        String tcp = "trace mounted due to tcp_seq";
        forest().root("A.sapp")
                .link("A.capp", "A.sapp", "app_span mounted due to parent_span_id")
                .link("A.cp", "A.capp", "c-p sys_span mounted due to same span_id as child")
                .link("A.c", "A.cp", tcp)
                .link("N.s", "A.c", tcp)
                .link("N.sp", "N.s", tcp)
                .link("N.cp", "N.sp", "c-p sys-span mounted due to x_request_id matched to s-p root")
                .link("N.c", "N.cp", tcp)
                .link("B.s", "N.c", tcp)
                .link("B.sp", "B.s", tcp)
                .link("B.sapp", "B.sp", "s-p sys_span mounted due to same span_id as parent")
                .link("B.cp.sql", "B.sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .link("M.sp", "B.cp.sql", tcp)
                .assertOn(v);
    }

    @Test
    @DisplayName("T53 variant: the same call chain when the Packet spans between nginx and B carry no trace id")
    void givenNginxToBPacketSpansWithoutTraceIds_whenTraced_thenSameTree() {
        Flow[] rows = t53();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].id().equals("N.c") || rows[i].id().equals("B.s")) {
                rows[i] = rows[i].toBuilder().traceId("").spanId("").build();
            }
        }

        TraceView v = Scenario.trace(TracingConfig.defaults(), RecordingFlowIndex.over(rows),
                Scenario.request("A.sapp", SearchStageTest.WINDOW));

        assertThat(v.parentOf("N.c")).isEqualTo("N.cp");
        assertThat(v.parentOf("B.s")).isEqualTo("N.c");
        assertThat(v.parentOf("B.sp")).isEqualTo("B.s");
        assertThat(v.reason("B.sp")).isEqualTo("trace mounted due to tcp_seq");
        assertThat(v.roots()).containsExactly("A.sapp");
        assertThat(v.ids()).hasSize(13);
    }

    static AppSpan serverApp(String span, String parent, long start, long end) {
        return new AppSpan("T", span, parent, 2, start, end);
    }

    static AppSpan clientApp(String span, String parent, long start, long end) {
        return new AppSpan("T", span, parent, 3, start, end);
    }

    @Test
    @DisplayName("T54: when DeepFlow's s-p already has its same-thread c-p, the app spans form a second tree; both are kept")
    void givenDeepFlowSideAlreadyLinked_whenCompleted_thenTwoTrees() {
        var sp = ebpf("sp", "s-p").trace("T").span("P0").times(900, 9100).sys(100, 300).pod(11).pid(5).build();
        var cp = ebpf("cp", "c-p").trace("T").span("S2").times(2100, 7900).sys(100, 300).pod(11).pid(5).build();
        var request = new CompletionRequest(List.of(serverApp("S1", "P0", 1000, 9000), clientApp("S2", "S1", 2000, 8000)),
                null, null);
        List<Flow> appRows = AppSpanRows.toRows(request.appSpans());
        String s1 = appRows.get(0).id();
        String s2 = appRows.get(1).id();

        TraceView v = new TraceView(new TraceCompletion(new InMemoryFlowIndex(List.of(sp, cp)), TracingConfig.defaults())
                .complete(request));

        forest().root(s1, "sp")
                .link(s2, s1, "app_span mounted due to parent_span_id")
                .link("cp", "sp", "c-p sys-span mounted due to syscall_trace_id matched to s-p root")
                .assertOn(v);
        assertThat(v.deepflowSpanId(s1)).isEqualTo("S1");
        assertThat(v.deepflowParentSpanId(s1)).isEmpty();
        assertThat(v.deepflowParentSpanId(s2)).isEqualTo("S1");
        assertThat(v.deepflowSpanId("sp")).matches("0x[0-9a-f]+\\.s-p\\.0");
        assertThat(v.deepflowParentSpanId("cp")).isEqualTo(v.deepflowSpanId("sp"));
    }

    @Test
    @DisplayName("T54 variant: with the c-p on another thread and no trace id, the app root hangs under the s-p")
    void givenClientProcessOnOtherThreadWithoutTraceId_whenCompleted_thenAppRootUnderServerProcess() {
        var sp = ebpf("sp", "s-p").trace("T").span("P0").times(900, 9100).sys(100, 300).pod(11).pid(5).build();
        var cp = ebpf("cp", "c-p").span("S2").times(2100, 7900).sys(700, 800).pod(11).pid(5).build();
        var request = new CompletionRequest(List.of(serverApp("S1", "P0", 1000, 9000), clientApp("S2", "S1", 2000, 8000)),
                null, null);
        List<Flow> appRows = AppSpanRows.toRows(request.appSpans());
        String s1 = appRows.get(0).id();
        String s2 = appRows.get(1).id();

        // stages 3-5 of the completion with both DeepFlow rows: the c-p stays a tree of its own, kept by time
        TraceView built = new TraceView(TraceBuilder.build(List.of(sp, cp), appRows, s1, TracingConfig.defaults(),
                List.of()));
        forest().root("sp", "cp")
                .link(s1, "sp", "s-app mounted due to parent_span_id")
                .link(s2, s1, "app_span mounted due to parent_span_id")
                .assertOn(built);

        // the API: nothing leads the search from the s-p to that c-p (no trace id, no shared key)
        TraceView completed = new TraceView(new TraceCompletion(new InMemoryFlowIndex(List.of(sp, cp)),
                TracingConfig.defaults()).complete(request));
        forest().root("sp")
                .link(s1, "sp", "s-app mounted due to parent_span_id")
                .link(s2, s1, "app_span mounted due to parent_span_id")
                .assertOn(completed);
    }

    @Test
    @DisplayName("T55 (D1 divergence): with no DeepFlow rows, Trace Completion returns the app spans alone, with a D1 note")
    void givenNoDeepFlowRows_whenCompleted_thenAppSpansAloneWithNote() {
        var request = new CompletionRequest(List.of(serverApp("S1", "P0", 1000, 9000), clientApp("S2", "S1", 2000, 8000)),
                null, null);
        List<Flow> appRows = AppSpanRows.toRows(request.appSpans());
        String s1 = appRows.get(0).id();
        String s2 = appRows.get(1).id();

        TraceView v = new TraceView(new TraceCompletion(new InMemoryFlowIndex(List.of()), TracingConfig.defaults())
                .complete(request));

        assertThat(v.result().found()).isTrue();
        forest().root(s1).link(s2, s1, "app_span mounted due to parent_span_id").assertOn(v);
        assertThat(v.span(s1).deepflowSpanId()).isEqualTo("S1");
        assertThat(v.span(s2).deepflowParentSpanId()).isEqualTo("S1");
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("D1"));
    }

    @Test
    @DisplayName("T56 (D4 divergence): app_service names shared by two VM instances do not fail; every span is kept, with a D4 note")
    void givenTwoVmInstancesSharingAppServiceNames_whenSorted_thenAllSpansKeptWithNote() {
        var a1 = otel("a1", "s-app").times(1000, 9000).vm(1).appService("S").build();
        var a2 = otel("a2", "s-app").times(2000, 8000).vm(1).appService("T2").build();
        var b1 = otel("b1", "s-app").times(3000, 7000).vm(2).appService("S").build();
        var b2 = otel("b2", "s-app").times(4000, 6000).vm(2).appService("T2").build();

        TraceView v = Scenario.build(a1, a2, b1, b2);

        forest().root("a1", "a2", "b1", "b2").assertOn(v);
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("D4"));
    }

    @Test
    @DisplayName("T56 variant (D4 divergence): grouped per instance, spans of one service still hang under their parents on the other VM")
    void givenTwoVmInstancesSharingAppServiceNames_whenParentsOnOtherInstance_thenLinkedByParentSpanId() {
        var a1 = otel("a1", "s-app").trace("t").span("a1").times(1000, 9000).vm(1).appService("S").build();
        var a2 = otel("a2", "s-app").trace("t").span("a2").times(2000, 8000).vm(1).appService("T2").build();
        var b1 = otel("b1", "s-app").trace("t").span("b1").parent("a1").times(3000, 7000).vm(2).appService("S").build();
        var b2 = otel("b2", "s-app").trace("t").span("b2").parent("a2").times(4000, 6000).vm(2).appService("T2").build();

        TraceView v = Scenario.build(a1, a2, b1, b2);

        forest().root("a1", "a2")
                .link("b1", "a1", "s-app mounted due to parent_span_id")
                .link("b2", "a2", "s-app mounted due to parent_span_id")
                .assertOn(v);
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("D4"));
    }
}
