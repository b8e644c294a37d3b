package io.tracefill.tracing.relation;

import io.tracefill.serdes.model.Flow;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Elements filed under the correlation keys of their flows ({@link IndexKeys}), one map per
 * key kind. The container type is the caller's: an ordered {@code PySet} of positions for the
 * sort stage's map, a plain list for the search gate.
 *
 * @param <E> what is filed (a position, a view of the flow)
 * @param <C> the container of one key's elements
 */
final class KeyedIndex<E, C> {
    final Map<Long, C> tcpSeq = new HashMap<>();
    final Map<String, C> spanId = new HashMap<>();
    final Map<String, C> xRequestId = new HashMap<>();
    final Map<Long, C> syscall = new HashMap<>();
    final Map<Long, C> dnsRequestId = new HashMap<>();
    private final Supplier<C> newContainer;
    private final BiConsumer<C, E> adder;
    private final boolean dnsEnabled;

    KeyedIndex(Supplier<C> newContainer, BiConsumer<C, E> adder, boolean dnsEnabled) {
        this.newContainer = newContainer;
        this.adder = adder;
        this.dnsEnabled = dnsEnabled;
    }

    void add(Flow flow, E element) {
        IndexKeys.visit(flow, dnsEnabled, new IndexKeys.Visitor() {
            @Override
            public void tcpSeq(long seq) {
                file(tcpSeq, seq);
            }

            @Override
            public void spanId(String id) {
                file(spanId, id);
            }

            @Override
            public void xRequestId(String id) {
                file(xRequestId, id);
            }

            @Override
            public void syscall(long id) {
                file(syscall, id);
            }

            @Override
            public void dnsRequestId(long id) {
                file(dnsRequestId, id);
            }

            private <K> void file(Map<K, C> index, K key) {
                adder.accept(index.computeIfAbsent(key, k -> newContainer.get()), element);
            }
        });
    }
}
