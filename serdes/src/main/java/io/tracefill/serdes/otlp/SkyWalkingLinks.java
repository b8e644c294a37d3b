package io.tracefill.serdes.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * DeepFlow rebuilds the parent of a SkyWalking span that has a segment id but no
 * {@code sw8.parent_span_id} from its links: the first link whose {@code refType} is
 * {@code CrossProcess} or {@code CrossThread} and that names both {@code sw8.parent_span_id}
 * and {@code sw8.parent_segment_id} gives {@code "<segment>-<span>"}.
 */
final class SkyWalkingLinks {
    private SkyWalkingLinks() {
    }

    static String parentSpanId(Span span, int maxString) throws SpanFault {
        for (int l = 0; l < span.getLinksCount(); l++) {
            Span.Link link = span.getLinks(l);
            boolean refType = false;
            String parent = "";
            String segment = "";
            for (KeyValue kv : link.getAttributesList()) {
                if (!kv.hasValue()) {
                    continue;
                }
                AnyValue v = kv.getValue();
                switch (kv.getKey()) {
                    case "refType" -> {
                        String t = AttributeText.of(v);
                        refType = t.equals("CrossProcess") || t.equals("CrossThread");
                    }
                    case "sw8.parent_span_id" -> parent = AttributeText.of(v);
                    case "sw8.parent_segment_id" -> segment = AttributeText.of(v);
                    default -> {
                    }
                }
            }
            if (refType && !parent.isEmpty() && !segment.isEmpty()) {
                return Limits.checked(segment + "-" + parent, maxString, "links[" + l + "]");
            }
        }
        return "";
    }
}
