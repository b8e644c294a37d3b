package io.tracefill.serdes.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tracefill.serdes.model.ServiceDuration;
import io.tracefill.serdes.model.TracedSpan;
import io.tracefill.serdes.model.TracingResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link TracingResult} in DeepFlow's HTTP envelope (spec §13), the body the HTTP API
 * and the CLI answer with:
 * <pre>
 * {"OPT_STATUS":"SUCCESS","DESCRIPTION":"","DATA":{…},"TYPE":"Flow_Log_L7_Tracing"}
 * </pre>
 * {@code DATA} is {@code {}} when nothing was found, else {@code tracing} (spans, see
 * {@link SpanWriter}), {@code services} (L7FlowTracing only) and {@code host_clock_correction}
 * (agent id → µs). When the engine left notes on the result, a top-level {@code NOTES} list follows
 * ({@code docs/divergences.md} #12). Instances are immutable and thread-safe.
 */
public final class TracingResponseEncoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final ResponseType type;
    private final SpanWriter spans;

    /**
     * @param type          which answer: L7FlowTracing or Trace Completion
     * @param hasAttributes whether each span's {@code attribute} carries the native attributes
     *                      (DeepFlow's {@code has_attributes=1}); else it is null
     */
    public TracingResponseEncoder(ResponseType type, boolean hasAttributes) {
        this.type = type;
        this.spans = new SpanWriter(type, hasAttributes);
    }

    /** The envelope as UTF-8 bytes. */
    public byte[] encode(TracingResult result) {
        return encodeToString(result).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the envelope to {@code out} as UTF-8; does not close it. */
    public void encode(TracingResult result, OutputStream out) throws IOException {
        out.write(encode(result));
    }

    public String encodeToString(TracingResult result) {
        // text first, bytes after: a lone surrogate in some span string becomes '?' instead of
        // failing the whole answer, as it would in Jackson's UTF-8 writer
        StringWriter out = new StringWriter(4096);
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    private void write(TracingResult result, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("OPT_STATUS", "SUCCESS");
            g.writeStringField("DESCRIPTION", "");
            g.writeFieldName("DATA");
            data(g, result);
            g.writeStringField("TYPE", type.typeName());
            if (!result.notes().isEmpty()) {
                g.writeArrayFieldStart("NOTES");
                for (String note : result.notes()) {
                    g.writeString(note);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    private void data(JsonGenerator g, TracingResult result) throws IOException {
        g.writeStartObject();
        if (!result.found()) {
            g.writeEndObject();
            return;
        }
        g.writeArrayFieldStart("tracing");
        for (TracedSpan s : result.tracing()) {
            spans.write(g, s);
        }
        g.writeEndArray();
        if (type == ResponseType.L7_FLOW_TRACING) {
            g.writeArrayFieldStart("services");
            for (ServiceDuration sd : result.services()) {
                service(g, sd);
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("host_clock_correction");
        for (Map.Entry<Long, Long> e : result.hostClockCorrection().entrySet()) {
            g.writeNumberField(Long.toString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code duration_ratio}: DeepFlow writes the integer 0 when the total self time is 0. */
    private static void service(JsonGenerator g, ServiceDuration sd) throws IOException {
        g.writeStartObject();
        g.writeStringField("service_uid", sd.serviceUid());
        g.writeStringField("service_uname", sd.serviceUname());
        g.writeNumberField("duration", sd.duration());
        if (sd.durationRatio() == null) {
            g.writeNumberField("duration_ratio", 0);
        } else {
            g.writeStringField("duration_ratio", sd.durationRatio());
        }
        g.writeEndObject();
    }
}
