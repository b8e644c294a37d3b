package io.tracefill.tracing;

import io.tracefill.serdes.model.AppSpan;
import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowType;
import io.tracefill.serdes.model.SignalSource;
import io.tracefill.serdes.model.TapSide;
import io.tracefill.tracing.util.StableHash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns external application spans into rows the way DeepFlow's {@code complete_app_span} does
 * (spec §12): an OTel request row with every other field empty. DeepFlow gives each a random
 * 48-bit {@code _id}; we derive it from the span's content (and its occurrence, for exact
 * duplicates) so a request always gets the same answer.
 */
public final class AppSpanRows {
    private static final long ID_MASK = (1L << 48) - 1;

    private AppSpanRows() {
    }

    /** DeepFlow's span_kind → tap_side (§2.3). */
    public static String tapSideOf(int spanKind) {
        return switch (spanKind) {
            case 2, 5 -> TapSide.SERVER_APP;
            case 3, 4 -> TapSide.CLIENT_APP;
            default -> TapSide.APP;
        };
    }

    public static List<Flow> toRows(List<AppSpan> spans) {
        List<Flow> rows = new ArrayList<>(spans.size());
        Map<String, Integer> occurrences = new HashMap<>();
        for (AppSpan s : spans) {
            String content = s.traceId() + '\u0000' + s.spanId() + '\u0000' + s.parentSpanId() + '\u0000'
                    + s.spanKind() + '\u0000' + s.startTimeUs() + '\u0000' + s.endTimeUs();
            int n = occurrences.merge(content, 1, Integer::sum);
            String id = Long.toString(StableHash.of(content + '\u0000' + n) & ID_MASK);
            long duration = s.startTimeUs() != 0 && s.endTimeUs() != 0 ? s.endTimeUs() - s.startTimeUs() : 0;
            rows.add(Flow.builder()
                    .id(id)
                    .signalSource(SignalSource.OTEL)
                    .tapSide(tapSideOf(s.spanKind()))
                    .type(FlowType.REQUEST)
                    .traceId(s.traceId())
                    .spanId(s.spanId())
                    .parentSpanId(s.parentSpanId())
                    .startTimeUs(s.startTimeUs())
                    .endTimeUs(s.endTimeUs())
                    .responseDuration(duration)
                    .requestId(0L)
                    .responseCode(0)
                    .build());
        }
        return rows;
    }
}
