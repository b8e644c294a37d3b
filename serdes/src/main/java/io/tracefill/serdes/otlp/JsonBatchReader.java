package io.tracefill.serdes.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.serdes.json.Utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OTLP/JSON {@code ExportTraceServiceRequest} (= {@code TracesData}) with Jackson's
 * streaming parser: the structure down to each span here, each span and resource by
 * {@link JsonSpanReader}. Text that is not JSON, not strict UTF-8, nested too deeply, or whose
 * structure above the spans has the wrong types is refused whole; a span's own faults reject only
 * that span. Thread-safe (the factory is shared, parsers are per call).
 */
final class JsonBatchReader {
    private final JsonFactory factory;
    private final OtlpLimits limits;
    private final SpanMapper mapper;

    JsonBatchReader(OtlpLimits limits, SpanMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
        int max = limits.decode().maxDocumentBytes();
        // strings are bounded by the document here; the per-string limit is checked per span, so a
        // long string rejects its span rather than the record
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.decode().maxNestingDepth())
                        .maxStringLength(max)
                        .maxDocumentLength(max)
                        .build())
                .build();
    }

    DecodedBatch read(byte[] b, int off, int len) throws DecodeException {
        int bad = Utf8.firstInvalid(b, off, len);
        if (bad >= 0) {
            throw new DecodeException(null, "not valid UTF-8 text (byte " + (bad - off) + ")");
        }
        try (JsonParser p = factory.createParser(b, off, len)) {
            return read(p, hasSurrogateEscape(b, off, len));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    DecodedBatch read(String json) throws DecodeException {
        int bad = Utf8.firstUnpairedSurrogate(json);
        if (bad >= 0) {
            throw new DecodeException(null, "unpaired UTF-16 surrogate at index " + bad + " (not valid Unicode text)");
        }
        try (JsonParser p = factory.createParser(json)) {
            return read(p, hasSurrogateEscape(json));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private record Pending(int scope, int index, Span span, SpanFault fault, String traceHex, String spanHex) {
    }

    private DecodedBatch read(JsonParser p, boolean checkSurrogates) throws IOException, DecodeException {
        BatchBuilder out = new BatchBuilder(limits, mapper);
        JsonSpanReader reader = new JsonSpanReader(p, checkSurrogates);
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw new DecodeException(null, "expected a JSON object (an OTLP/JSON ExportTraceServiceRequest), got "
                    + JsonWords.describe(t));
        }
        int r = 0;
        while (next(p) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = next(p);
            if ((name.equals("resourceSpans") || name.equals("resource_spans")) && v != JsonToken.VALUE_NULL) {
                expect(v, JsonToken.START_ARRAY, "resourceSpans", "an array");
                for (JsonToken e = next(p); e != JsonToken.END_ARRAY; e = next(p)) {
                    expect(e, JsonToken.START_OBJECT, "resourceSpans[" + r + "]", "an object");
                    resourceSpans(p, r++, reader, out);
                }
            } else {
                p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new DecodeException(null, "unexpected content after the JSON object");
        }
        return out.build();
    }

    private void resourceSpans(JsonParser p, int r, JsonSpanReader reader, BatchBuilder out)
            throws IOException, DecodeException {
        Resource resource = Resource.getDefaultInstance();
        SpanFault resourceFault = null;
        List<Pending> pending = new ArrayList<>();
        int s = 0;
        while (next(p) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = next(p);
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "resource" -> {
                    if (v == JsonToken.START_OBJECT) {
                        resource = reader.resource();
                        resourceFault = reader.fault();
                    } else {
                        resourceFault = new SpanFault("", "expected an object, got " + JsonWords.describe(v));
                        p.skipChildren();
                    }
                }
                case "scopeSpans", "scope_spans" -> {
                    String where = "resourceSpans[" + r + "].scopeSpans";
                    expect(v, JsonToken.START_ARRAY, where, "an array");
                    for (JsonToken e = next(p); e != JsonToken.END_ARRAY; e = next(p)) {
                        expect(e, JsonToken.START_OBJECT, where + "[" + s + "]", "an object");
                        scopeSpans(p, r, s++, reader, out, pending);
                    }
                }
                default -> p.skipChildren(); // schemaUrl and unknown keys
            }
        }
        ResourceContext rc = ResourceContext.EMPTY;
        if (resourceFault == null) {
            try {
                rc = ResourceContext.of(resource, limits.decode().maxStringLength());
            } catch (SpanFault f) {
                resourceFault = f;
            }
        }
        for (Pending sp : pending) {
            if (sp.fault() != null) {
                out.reject(r, sp.scope(), sp.index(), sp.traceHex(), sp.spanHex(), sp.fault().field, sp.fault().reason);
            } else {
                out.map(r, sp.scope(), sp.index(), sp.span(), rc, resourceFault);
            }
        }
    }

    private void scopeSpans(JsonParser p, int r, int s, JsonSpanReader reader, BatchBuilder out, List<Pending> pending)
            throws IOException, DecodeException {
        while (next(p) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = next(p);
            if (!name.equals("spans") || v == JsonToken.VALUE_NULL) {
                p.skipChildren(); // the scope (DeepFlow drops it), schemaUrl, unknown keys
                continue;
            }
            expect(v, JsonToken.START_ARRAY, "resourceSpans[" + r + "].scopeSpans[" + s + "].spans", "an array");
            int i = 0;
            for (JsonToken e = next(p); e != JsonToken.END_ARRAY; e = next(p), i++) {
                out.count(r, s, i);
                if (e == JsonToken.START_OBJECT) {
                    Span span = reader.span();
                    SpanFault fault = reader.fault();
                    pending.add(fault == null ? new Pending(s, i, span, null, "", "")
                            : new Pending(s, i, span, fault, reader.traceHex(), reader.spanHex()));
                } else {
                    p.skipChildren();
                    pending.add(new Pending(s, i, null, new SpanFault("", "expected an object, got "
                            + JsonWords.describe(e)), "", ""));
                }
            }
        }
    }

    /** The next token; the end of the input inside the document is malformed JSON. */
    static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of the input");
        }
        return t;
    }

    private static void expect(JsonToken t, JsonToken wanted, String field, String what) throws DecodeException {
        if (t != wanted) {
            throw new DecodeException(field, "expected " + what + ", got " + JsonWords.describe(t));
        }
    }

    private static DecodeException malformed(IOException e) {
        if (e instanceof StreamConstraintsException c) {
            return new DecodeException(null, "over a limit: " + c.getOriginalMessage(), e);
        }
        String what = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
        JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new DecodeException(null, "malformed JSON: " + what + where, e);
    }

    /** True when the text has a {@code \}{@code u} escape of a UTF-16 surrogate ({@code \}{@code uD800}–{@code \}{@code uDFFF}). */
    private static boolean hasSurrogateEscape(byte[] b, int off, int len) {
        for (int i = off, end = off + len - 3; i < end; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && (b[i + 2] | 0x20) == 'd' && isHigh8(b[i + 3])) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSurrogateEscape(String s) {
        for (int i = s.indexOf('\\'), end = s.length() - 3; i >= 0 && i < end; i = s.indexOf('\\', i + 1)) {
            if (s.charAt(i + 1) == 'u' && (s.charAt(i + 2) | 0x20) == 'd' && isHigh8(s.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    /** Hex digits 8–f: the second digit of a surrogate's code unit. */
    private static boolean isHigh8(int c) {
        return c >= '8' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }
}
