package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.tracefill.tracing.ExpectedTree.forest;
import static io.tracefill.tracing.Flows.ebpf;

/**
 * The rules behind the same-process scenarios (spec §7.2, §7.4 d), at their boundaries: time
 * cover is inclusive and exact, the lost-response relaxation, the zero syscall-id pitfall, the
 * latest-starting s-p, siblings pulled along, and what does not match.
 */
class SameProcessRulesTest {
    private static final String BY_SYSCALL_OF_SP = "c-p sys-span mounted due to syscall_trace_id matched to s-p root";
    private static final String BY_BROTHER = "c-p sys-span mounted due to brother c-p";
    private static final String BY_TRACE_ID = "c-p sys-span mounted due to same process/trace_id and time cover by s-p root";

    /** s-p 1000–9000, sys 100/300, inst 11/pod, pid 5, agent 1. */
    private static Flows sp() {
        return ebpf("sp", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5);
    }

    /** A c-p on the s-p's thread (sys 100/200). */
    private static Flows cp() {
        return ebpf("cp", "c-p").seq(3, 4).sys(100, 200).pod(11).pid(5);
    }

    @Test
    @DisplayName("§7.2 time_range_cover is inclusive: a c-p with exactly the s-p's bounds is attached (T5 rule)")
    void cpWithExactlyTheSpsBoundsIsAttached() {
        TraceView v = Scenario.build(sp().build(), cp().times(1000, 9000).build());

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.2 a c-p ending 1 µs after the s-p is not attached (T6 rule, no tolerance)")
    void cpEndingOneMicrosecondAfterTheSpIsNotAttached() {
        TraceView v = Scenario.build(sp().build(), cp().times(2000, 9001).build());

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.2 a c-p starting 1 µs before the s-p is not attached")
    void cpStartingOneMicrosecondBeforeTheSpIsNotAttached() {
        TraceView v = Scenario.build(sp().build(), cp().times(999, 3000).build());

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.2 allow_lost_resp: an s-p whose response was lost only has to start first")
    void spWithLostResponseOnlyHasToStartBeforeTheCp() {
        Flow sp = sp().times(1000, 1000).duration(0).build();
        Flow cp = cp().times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d zero pitfall: an s-p and a c-p with no syscall ids at all match as the same thread")
    void zeroSyscallIdsOnBothSidesCountAsTheSameThread() {
        Flow sp = sp().sys(0, 0).build();
        Flow cp = cp().sys(0, 0).times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.2 process_matched needs the same agent: same pod and pid on another agent is not attached")
    void cpOfTheSamePodOnAnotherAgentIsNotAttached() {
        TraceView v = Scenario.build(sp().build(), cp().times(2000, 3000).vtap(2).build());

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.2 process_matched by pod needs a non-zero instance: instance 0 with other pids is not attached")
    void podMatchNeedsANonZeroInstance() {
        Flow sp = sp().pod(0).build();
        Flow cp = cp().pod(0).pid(9).times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d among matching s-p of one process the latest-starting one is the parent")
    void latestStartingMatchingSpIsTheParent() {
        Flow sp1 = ebpf("sp1", "s-p").times(1000, 9000).seq(1, 2).sys(100, 300).pod(11).pid(5).build();
        Flow sp2 = ebpf("sp2", "s-p").times(1500, 8500).seq(5, 6).sys(100, 300).pod(11).pid(5).build();
        Flow cp = cp().times(2000, 3000).build();

        TraceView v = Scenario.build(sp1, sp2, cp);

        forest().link("cp", "sp2", BY_SYSCALL_OF_SP).root("sp1", "sp2").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d x_request_id: s-p request side vs c-p response side is not a match")
    void xRequestIdOfSpRequestSideDoesNotMatchCpResponseSide() {
        Flow sp = sp().x0("X").build();
        Flow cp = cp().sys(700, 800).x1("X").times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d trace match needs a shared trace id (T9 with different trace ids)")
    void cpOfAnotherTraceOnAnotherThreadIsNotAttached() {
        Flow sp = sp().trace("T1").build();
        Flow cp = cp().trace("T2").sys(700, 800).times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d a shared trace id is enough across threads when a multi-id c-p intersects")
    void cpWithSeveralTraceIdsIsAttachedWhenOneIsShared() {
        Flow sp = sp().trace("T1").build();
        Flow cp = cp().trace("T9, T1").sys(700, 800).times(2000, 3000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().link("cp", "sp", BY_TRACE_ID).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d async rule: a c-p starting before the s-p is neither covered nor preceded")
    void cpStartingBeforeTheSpIsNotAttachedAsAsync() {
        Flow sp = sp().trace("T").build();
        Flow cp = cp().trace("T").sys(700, 800).times(900, 12000).build();

        TraceView v = Scenario.build(sp, cp);

        forest().root("sp", "cp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 a/d siblings: the c-p whose request id is another's response id follows it as brother")
    void siblingCpFollowsItsBrotherUnderTheSp() {
        Flow sp = sp().build();
        Flow cpA = ebpf("cpA", "c-p").times(2000, 3000).seq(3, 4).sys(200, 300).pod(11).pid(5).build();
        Flow cpB = ebpf("cpB", "c-p").times(4000, 5000).seq(5, 6).sys(100, 200).pod(11).pid(5).build();

        TraceView v = Scenario.build(sp, cpA, cpB);

        forest().link("cpA", "sp", BY_SYSCALL_OF_SP)
                .link("cpB", "sp", BY_BROTHER)
                .root("sp")
                .assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d siblings: a brother outside the s-p's time range is not pulled along")
    void siblingOutsideTheSpIsNotPulledAlong() {
        Flow sp = sp().build();
        Flow cpA = ebpf("cpA", "c-p").times(2000, 3000).seq(3, 4).sys(200, 300).pod(11).pid(5).build();
        Flow cpB = ebpf("cpB", "c-p").times(4000, 9500).seq(5, 6).sys(100, 200).pod(11).pid(5).build();

        TraceView v = Scenario.build(sp, cpA, cpB);

        forest().link("cpA", "sp", BY_SYSCALL_OF_SP).root("sp", "cpB").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d unix socket: the c-p must cover the s-p, with no lost-response relaxation")
    void unixSocketRuleNeedsTheCpToCoverTheSp() {
        Flow cp = ebpf("cp", "c-p").trace("T").serverPort(1).times(1000, 1000).duration(0).pod(11).pid(5).sys(1, 2)
                .build();
        Flow sp = ebpf("sp", "s-p").trace("T").serverPort(1).times(2000, 8000).pod(11).pid(6).sys(3, 4).build();

        TraceView v = Scenario.build(cp, sp);

        forest().root("cp", "sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d unix socket: x_request_id injected by the s-p matches before the trace id")
    void unixSocketSpHangsUnderCpByXRequestId() {
        Flow cp = ebpf("cp", "c-p").trace("T").x0("X").serverPort(1).times(1000, 9000).pod(11).pid(5).sys(1, 2)
                .build();
        Flow sp = ebpf("sp", "s-p").trace("T").x1("X").serverPort(1).times(2000, 8000).pod(11).pid(6).sys(3, 4)
                .build();

        TraceView v = Scenario.build(cp, sp);

        forest().link("sp", "cp", "s-p sys-span mounted due to x_request_id matched to c-p root")
                .root("cp")
                .assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d unix socket: only a c-p with server_port 1 adopts an s-p")
    void unixSocketRuleNeedsServerPortOneOnTheCp() {
        Flow cp = ebpf("cp", "c-p").trace("T").times(1000, 9000).pod(11).pid(5).sys(1, 2).build();
        Flow sp = ebpf("sp", "s-p").trace("T").serverPort(1).times(2000, 8000).pod(11).pid(6).sys(3, 4).build();

        TraceView v = Scenario.build(cp, sp);

        forest().root("cp", "sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 a: c-ps sharing a trace id group under the last one; the root itself is not a member")
    void cpsSharingATraceIdFollowAsBrothersExceptTheGroupRoot() {
        Flow sp = sp().trace("T").build();
        Flow cp1 = ebpf("cp1", "c-p").trace("T").times(2000, 3000).seq(3, 4).sys(700, 800).pod(11).pid(5).build();
        Flow cp2 = ebpf("cp2", "c-p").trace("T").times(4000, 5000).seq(5, 6).sys(900, 901).pod(11).pid(5).build();
        Flow cp3 = ebpf("cp3", "c-p").trace("T").times(6000, 9500).seq(7, 8).sys(902, 903).pod(11).pid(5).build();

        TraceView v = Scenario.build(sp, cp1, cp2, cp3);

        forest().link("cp1", "sp", BY_TRACE_ID)
                .link("cp2", "sp", BY_BROTHER)
                .link("cp3", "sp", "c-p sys-span mounted due to preceding c-p as async span after s-p root "
                        + "by same process/trace_id")
                .root("sp")
                .assertOn(v);
    }

    @Test
    @DisplayName("§7.4 a one-way session (response id 0) joins the c-p with its request id as brother (§14.2)")
    void oneWaySessionCpFollowsTheCpWithItsRequestId() {
        Flow sp = sp().build();
        Flow cpA = ebpf("cpA", "c-p").times(2000, 3000).seq(3, 4).sys(200, 300).pod(11).pid(5).build();
        Flow quit = ebpf("quit", "c-p").mysql().times(4000, 5000).seq(5, 0).sys(200, 0).pod(11).pid(5).build();

        TraceView v = Scenario.build(sp, cpA, quit);

        forest().link("cpA", "sp", BY_SYSCALL_OF_SP).link("quit", "sp", BY_BROTHER).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d cross-side syscall equality (s-p response id = c-p request id) is a same-thread match")
    void crossSideSyscallEqualityMatches() {
        Flow cp = cp().sys(300, 400).times(2000, 3000).build();

        TraceView v = Scenario.build(sp().build(), cp);

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }

    @Test
    @DisplayName("§7.4 d the process (agent + pid) decides the candidate s-p before the c-p's own instance")
    void cpFindsTheSpOfItsProcessUnderAnotherInstance() {
        Flow cp = ebpf("cp", "c-p").times(2000, 3000).seq(3, 4).sys(100, 200).pod(12).pid(5).build();

        TraceView v = Scenario.build(sp().build(), cp);

        forest().link("cp", "sp", BY_SYSCALL_OF_SP).root("sp").assertOn(v);
    }
}
