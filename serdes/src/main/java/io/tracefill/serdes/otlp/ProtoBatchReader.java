package io.tracefill.serdes.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracefill.serdes.json.DecodeException;

import java.util.Arrays;

/**
 * Reads a serialized {@code TracesData} (byte for byte the same as an
 * {@code ExportTraceServiceRequest}: both hold {@code repeated ResourceSpans resource_spans = 1}).
 *
 * <p>The outer levels (ResourceSpans, ScopeSpans) are walked on the wire, and each span and each
 * resource is parsed on its own by the generated parser. So damage inside one span's bytes (bad
 * UTF-8, a broken attribute, nesting too deep) rejects that span only, damage inside a resource
 * rejects that resource's spans, and only a record whose framing is broken is refused whole.
 * Scopes are skipped unparsed: DeepFlow drops them.
 */
final class ProtoBatchReader {
    private static final int RESOURCE_SPANS = 1 << 3 | WireReader.LEN;
    private static final int RESOURCE = 1 << 3 | WireReader.LEN;
    private static final int SCOPE_SPANS = 2 << 3 | WireReader.LEN;
    private static final int SPANS = 2 << 3 | WireReader.LEN;

    private final OtlpLimits limits;
    private final SpanMapper mapper;
    private final int depth;

    ProtoBatchReader(OtlpLimits limits, SpanMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
        this.depth = limits.decode().maxNestingDepth();
    }

    DecodedBatch read(byte[] b, int off, int len) throws DecodeException {
        BatchBuilder out = new BatchBuilder(limits, mapper);
        WireReader w = new WireReader(b, off, off + len, off, null, depth);
        int r = 0;
        while (w.more()) {
            int tag = w.tag();
            if (tag == RESOURCE_SPANS) {
                int n = w.length();
                resourceSpans(b, w.position(), n, off, r++, out);
                w.advance(n);
            } else {
                w.skip(tag);
            }
        }
        return out.build();
    }

    private void resourceSpans(byte[] b, int from, int n, int base, int r, BatchBuilder out) throws DecodeException {
        String where = "resourceSpans[" + r + "]";
        // first where things are: the resource may follow its spans on the wire, and may repeat (merged)
        WireReader w = new WireReader(b, from, from + n, base, where, depth);
        int[] resources = new int[2];
        int nResources = 0;
        int[] scopes = new int[8];
        int nScopes = 0;
        while (w.more()) {
            int tag = w.tag();
            if (tag == RESOURCE || tag == SCOPE_SPANS) {
                int len = w.length();
                if (tag == RESOURCE) {
                    resources = put(resources, nResources++, w.position(), len);
                } else {
                    scopes = put(scopes, nScopes++, w.position(), len);
                }
                w.advance(len);
            } else {
                w.skip(tag);
            }
        }
        ResourceContext rc = ResourceContext.EMPTY;
        SpanFault resourceFault = null;
        try {
            rc = ResourceContext.of(resource(b, resources, nResources), limits.decode().maxStringLength());
        } catch (InvalidProtocolBufferException e) {
            resourceFault = new SpanFault("", "not a valid Resource message: " + e.getMessage());
        } catch (SpanFault f) {
            resourceFault = f;
        }
        for (int s = 0; s < nScopes; s++) {
            scopeSpans(b, scopes[2 * s], scopes[2 * s + 1], base, r, s, rc, resourceFault, out);
        }
    }

    private Resource resource(byte[] b, int[] slices, int count) throws InvalidProtocolBufferException {
        if (count == 0) {
            return Resource.getDefaultInstance();
        }
        if (count == 1) {
            return Resource.parser().parseFrom(stream(b, slices[0], slices[1]));
        }
        Resource.Builder merged = Resource.newBuilder(); // a repeated message field merges, as on the wire
        for (int k = 0; k < count; k++) {
            merged.mergeFrom(Resource.parser().parseFrom(stream(b, slices[2 * k], slices[2 * k + 1])));
        }
        return merged.build();
    }

    private void scopeSpans(byte[] b, int from, int n, int base, int r, int s, ResourceContext rc,
                            SpanFault resourceFault, BatchBuilder out) throws DecodeException {
        WireReader w = new WireReader(b, from, from + n, base, "resourceSpans[" + r + "].scopeSpans[" + s + "]", depth);
        int i = 0;
        while (w.more()) {
            int tag = w.tag();
            if (tag != SPANS) {
                w.skip(tag); // the scope, schema_url, unknown fields
                continue;
            }
            int len = w.length();
            out.count(r, s, i);
            Span span;
            try {
                span = Span.parser().parseFrom(stream(b, w.position(), len));
            } catch (InvalidProtocolBufferException e) {
                out.reject(r, s, i++, "", "", "", "not a valid Span message: " + e.getMessage());
                w.advance(len);
                continue;
            }
            out.map(r, s, i++, span, rc, resourceFault);
            w.advance(len);
        }
    }

    private CodedInputStream stream(byte[] b, int from, int len) {
        CodedInputStream in = CodedInputStream.newInstance(b, from, len);
        in.setRecursionLimit(depth);
        return in;
    }

    private static int[] put(int[] slices, int k, int from, int len) {
        if (2 * k + 1 >= slices.length) {
            slices = Arrays.copyOf(slices, slices.length * 2);
        }
        slices[2 * k] = from;
        slices[2 * k + 1] = len;
        return slices;
    }
}
