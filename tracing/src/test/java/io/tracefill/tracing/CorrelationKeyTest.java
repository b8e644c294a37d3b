package io.tracefill.tracing;

import io.tracefill.serdes.model.Flow;
import io.tracefill.tracing.gen.TraceCorpus;
import io.tracefill.tracing.gen.TraceShape;
import io.tracefill.tracing.search.SearchQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.tracefill.tracing.Flows.ebpf;
import static org.assertj.core.api.Assertions.assertThat;

class CorrelationKeyTest {

    @Test
    void aRowIsFiledUnderEveryNonZeroKeyOnce() {
        Flow f = ebpf("1", "c-p").trace("a, b").seq(10, 0).sys(7, 7).x0("X").x1("X").times(1, 2).build();

        assertThat(CorrelationKey.of(f)).extracting(CorrelationKey::text)
                .containsExactly("t:a", "t:b", "q:10", "s:7", "x:X");
    }

    @Test
    void syscallIdsAboveLongMaxAreWrittenUnsigned() {
        Flow f = ebpf("1", "c-p").sys(-1L, 5).times(1, 2).build();

        assertThat(CorrelationKey.of(f)).extracting(CorrelationKey::text)
                .contains("s:18446744073709551615", "s:5");
        assertThat(CorrelationKey.parse("s:18446744073709551615"))
                .isEqualTo(new CorrelationKey(CorrelationKey.Kind.SYSCALL, "18446744073709551615"));
    }

    @Test
    void dnsRequestIdsAreKeysOnlyOnDnsRows() {
        Flow dns = ebpf("1", "c-p").dns().requestId(42L).times(1, 2).build();
        Flow mysql = ebpf("2", "c-p").mysql().requestId(42L).times(1, 2).build();

        assertThat(CorrelationKey.of(dns)).extracting(CorrelationKey::text).containsExactly("d:42");
        assertThat(CorrelationKey.of(mysql)).isEmpty();
    }

    /**
     * The stream answers a query as the union, over its keys, of each key's matching rows: that
     * must equal the in-memory index's answer for every query a search asks.
     */
    @Test
    void theUnionOfPerKeyAnswersIsTheQuerysAnswer() {
        TraceCorpus corpus = TraceCorpus.build(11, TraceShape.ofSize(100), 3000);
        InMemoryFlowIndex index = new InMemoryFlowIndex(corpus.flows());
        Random random = new Random(11);
        List<Flow> all = new ArrayList<>(corpus.flows());
        for (int i = 0; i < 200; i++) {
            Flow a = all.get(random.nextInt(all.size()));
            Flow b = all.get(random.nextInt(all.size()));
            // zero and empty values are dropped by the query itself
            AssociationQuery q = new AssociationQuery(new java.util.HashSet<>(List.of(a.reqTcpSeq(), 0L)),
                    Set.of(b.respTcpSeq()), Set.of(a.syscallTraceIdRequest()),
                    new java.util.HashSet<>(List.of(b.xRequestId0(), a.xRequestId1(), "")), Set.of());
            TimeWindow window = TimeWindow.ALL;
            List<Flow> expected = index.findAssociated(q, window, Integer.MAX_VALUE);

            Set<Flow> union = new LinkedHashSet<>();
            for (CorrelationKey key : CorrelationKey.of(new SearchQuery.ByAssociation(q, window, 1000))) {
                for (Flow f : all) {
                    if (CorrelationKey.of(f).contains(key)) {
                        union.add(f);
                    }
                }
            }
            List<Flow> merged = new ArrayList<>(union);
            merged.sort(FlowOrder.BY_START_THEN_ID);
            assertThat(merged).isEqualTo(expected);
        }
    }
}
