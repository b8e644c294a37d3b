package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.SignalSource;

/** What a span is, by its signal source (spec §7.1). */
public enum SpanKind {
    /** OTel application span. */
    APP(SignalSource.OTEL),
    /** eBPF system span (c-p, s-p). */
    SYS(SignalSource.EBPF),
    /** Packet network span. */
    NET(SignalSource.PACKET),
    /** Any other signal source: placed in no set, and so never output. */
    OTHER(-1);

    private final int signalSource;

    SpanKind(int signalSource) {
        this.signalSource = signalSource;
    }

    public int signalSource() {
        return signalSource;
    }

    public static SpanKind of(int signalSource) {
        return switch (signalSource) {
            case SignalSource.OTEL -> APP;
            case SignalSource.EBPF -> SYS;
            case SignalSource.PACKET -> NET;
            default -> OTHER;
        };
    }
}
