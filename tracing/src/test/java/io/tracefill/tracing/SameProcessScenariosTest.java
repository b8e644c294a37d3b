package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §15 "Same process: s-p and its outgoing c-p" (sort stage: {@link Scenario#build}). */
class SameProcessScenariosTest {
    private static final String BY_SYSCALL_OF_SP = "c-p sys-span mounted due to syscall_trace_id matched to s-p root";
    private static final String BY_SYSCALL_OF_CP = "c-p sys-span mounted due to syscall_trace_id matched to c-p child";
    private static final String BY_TRACE_ID = "c-p sys-span mounted due to same process/trace_id and time cover by s-p root";
    private static final String BY_XREQ = "c-p sys-span mounted due to x_request_id matched to s-p root";
    private static final String ASYNC = "c-p sys-span mounted due to preceding c-p as async span after s-p root "
            + "by same process/trace_id";

    /** T5's server span: inst 11/pod, pid 5. */
    private static Flows sp() {
        return ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5);
    }

    /** A c-p of T5's process. */
    private static Flows cp(String id) {
        return ebpf(id, "c-p").pod(11).pid(5);
    }

    @Test
    @DisplayName("T5: thread hand-over: first c-p by the s-p's syscall id, second by its sibling's")
    void cpsOfOneThreadChainHangUnderTheSp() {
        Flow sp = sp().build();
        Flow cp1 = cp("cp1").times(2000, 3000).seq(3, 4).sys(100, 200).build();
        Flow cp2 = cp("cp2").times(4000, 5000).seq(5, 6).sys(200, 300).build();

        TraceView v = Scenario.build(sp, cp1, cp2);

        forest().link("cp1", "sp", BY_SYSCALL_OF_SP)
                .link("cp2", "sp", BY_SYSCALL_OF_CP)
                .root("sp")
                .assertOn(v);
        assertThat(v.ids()).containsExactly("sp", "cp2", "cp1");
    }

    @Test
    @DisplayName("T6: a c-p ending after the s-p is not attached, both kept")
    void cpEndingAfterSpStaysRoot() {
        Flow sp = sp().build();
        Flow cp1 = cp("cp1").times(2000, 3000).seq(3, 4).sys(100, 200).build();
        Flow cp2 = cp("cp2").times(4000, 9500).seq(5, 6).sys(200, 300).build();

        TraceView v = Scenario.build(sp, cp1, cp2);

        forest().link("cp1", "sp", BY_SYSCALL_OF_SP).root("sp", "cp2").assertOn(v);
    }

    @Test
    @DisplayName("T7: VM and different pids: syscall-related c-p is not attached")
    void cpOfAnotherProcessOnAVmIsNotAttached() {
        Flow sp = ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).vm(11).pid(5).build();
        Flow cp = ebpf("cp", "c-p").times(2000, 3000).seq(3, 4).sys(100, 200).vm(11).pid(9).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("T8: one pod, different pids: the c-p is attached")
    void cpOfAnotherPidInTheSamePodIsAttached() {
        Flow sp = sp().build();
        Flow cp = ebpf("cp", "c-p").times(2000, 3000).seq(3, 4).sys(100, 200).pod(11).pid(9).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("T9: same trace, other thread: attached by trace id and time cover")
    void cpOfTheSameTraceOnAnotherThreadIsAttached() {
        Flow sp = sp().trace("T").build();
        Flow cp = cp("cp").trace("T").times(2000, 3000).seq(3, 4).sys(700, 800).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_TRACE_ID).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("T10: async after the server returned: attached as preceding s-p")
    void cpOutlivingTheSpOfTheSameTraceIsAttachedAsAsync() {
        Flow sp = sp().trace("T").build();
        Flow cp = cp("cp").trace("T").times(2000, 12000).seq(3, 4).sys(700, 800).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", ASYNC).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("T11: T10 without trace ids: two roots")
    void cpOutlivingTheSpWithoutTraceIdsStaysRoot() {
        Flow sp = sp().build();
        Flow cp = cp("cp").times(2000, 12000).seq(3, 4).sys(700, 800).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("T12: x-request-id passed through (same side)")
    void cpWithTheSpsPassedThroughXRequestIdIsAttached() {
        Flow sp = sp().x0("X").build();
        Flow cp = cp("cp").times(2000, 3000).seq(3, 4).sys(700, 800).x0("X").build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_XREQ).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("T13: x-request-id injected (s-p response side = c-p request side)")
    void cpWithTheSpsInjectedXRequestIdIsAttached() {
        Flow sp = sp().x1("X").build();
        Flow cp = cp("cp").times(2000, 3000).seq(3, 4).sys(700, 800).x0("X").build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_XREQ).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("T32: unix socket: the s-p hangs under the c-p that covers it")
    void unixSocketSpHangsUnderCoveringCp() {
        Flow cp = ebpf("cp", "c-p").trace("T").serverPort(1).times(1000, 9000).pod(11).pid(5).sys(1, 2).build();
        Flow sp = ebpf("sp", "s-p").trace("T").serverPort(1).times(2000, 8000).pod(11).pid(6).sys(3, 4).build();

        TraceView v = Scenario.build(cp, sp);

        forest().link("sp", "cp", "s-p sys-span mounted due to same process/trace_id and time cover by c-p root")
                .root("cp")
                .assertOn(v);
    }

    private static Flow[] t40Rows() {
        return new Flow[] {
                ebpf("sp", "s-p").trace("T").times(1000, 9000).vm(5).pid(100).sys(1, 2).build(),
                ebpf("cp", "c-p").trace("T").times(2000, 3000).vm(5).pid(200).sys(3, 4).build()};
    }

    @Test
    @DisplayName("T40 default: two processes on one VM sharing a trace id stay apart")
    void processesOfOneVmStayApartByDefault() {
        TraceView v = Scenario.build(t40Rows());

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("T40 with sys_span_s_to_c_via_trace_id: the c-p is weakly mounted under the s-p")
    void processesOfOneVmAreWeaklyLinkedWhenTheStrategyIsOn() {
        TracingConfig config = TracingConfig.defaults()
                .withSpanSetConnectionStrategies(Set.of(ConnectionStrategy.SYS_SPAN_S_TO_C_VIA_TRACE_ID));

        TraceView v = Scenario.build(config, t40Rows());

        forest().link("cp", "sp", "sys_span s->c weakly mounted due to trace_id").root("sp").assertOn(v);
    }
}
