package io.tracefill.topology.stream;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.SignalSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SeedRuleTest {
    private static final SeedRule RULE = new SeedRule(Set.of("s-p", "s-gw"));

    private static Flow row(String id, int signal, String tapSide, long startUs, String traceId) {
        return Flow.builder().id(id).signalSource(signal).tapSide(tapSide).startTimeUs(startUs)
                .endTimeUs(startUs + 1000).traceId(traceId).build();
    }

    @Test
    void candidatesAreUntracedEbpfOrPacketRowsAtTheConfiguredTapSides() {
        assertThat(RULE.isCandidate(row("1", SignalSource.EBPF, "s-p", 10, ""))).isTrue();
        assertThat(RULE.isCandidate(row("2", SignalSource.PACKET, "s-gw", 10, ""))).isTrue();
        assertThat(RULE.isCandidate(row("3", SignalSource.EBPF, "s-p", 10, "4bf92f3577b34da6a3ce929d0e0e4736")))
                .as("carries a trace id").isFalse();
        assertThat(RULE.isCandidate(row("4", SignalSource.EBPF, "c-p", 10, ""))).as("tap side not listed").isFalse();
        assertThat(RULE.isCandidate(row("5", SignalSource.OTEL, "s-p", 10, ""))).as("an app span").isFalse();
        assertThat(RULE.isCandidate(row("6", SignalSource.EBPF, "s-p", 10, " , "))).as("blank ids are none").isTrue();
    }

    @Test
    void aFoundRowWithATraceIdDropsTheSeed() {
        Flow entry = row("1", SignalSource.EBPF, "s-p", 10, "");
        Flow traced = row("2", SignalSource.EBPF, "c-p", 20, "4bf92f3577b34da6a3ce929d0e0e4736");
        Flow earlierCandidate = row("0", SignalSource.EBPF, "s-p", 5, "");
        assertThat(RULE.verdict(entry, List.of(entry, traced))).isEqualTo(SeedRule.Verdict.TRACED);
        assertThat(RULE.verdict(entry, List.of(entry, earlierCandidate, traced))).as("a trace id comes first")
                .isEqualTo(SeedRule.Verdict.TRACED);
        assertThat(RULE.traced(List.of(entry, traced))).isTrue();
        assertThat(RULE.verdict(entry, List.of(entry))).isEqualTo(SeedRule.Verdict.EMIT);
        assertThat(RULE.traced(List.of(entry, earlierCandidate))).isFalse();
    }

    @Test
    void onlyTheFirstCandidateInFlowOrderEmits() {
        Flow early = row("9", SignalSource.EBPF, "s-p", 10, "");
        Flow late = row("1", SignalSource.PACKET, "s-gw", 20, "");
        Flow sameStartSmallerId = row("5", SignalSource.EBPF, "s-p", 10, "");
        Flow earlierNonCandidate = row("0", SignalSource.EBPF, "c-p", 5, "");
        assertThat(RULE.verdict(late, List.of(late, early))).isEqualTo(SeedRule.Verdict.NOT_FIRST);
        assertThat(RULE.verdict(early, List.of(early, late, earlierNonCandidate))).isEqualTo(SeedRule.Verdict.EMIT);
        assertThat(RULE.verdict(early, List.of(early, sameStartSmallerId))).isEqualTo(SeedRule.Verdict.NOT_FIRST);
    }

    @Test
    void seedKeysNeverLookLikeTraceIds() {
        Flow f = row("7378753814532194412", SignalSource.EBPF, "s-p", 10, "");
        assertThat(SeedRule.keyOf(f)).isEqualTo("seed:7378753814532194412");
        assertThat(SeedRule.isSeedKey(SeedRule.keyOf(f))).isTrue();
        assertThat(SeedRule.isSeedKey("5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f")).isFalse();
    }
}
