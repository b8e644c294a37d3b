package io.tracefill.topology.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tracefill.serdes.json.ResponseType;
import io.tracefill.serdes.json.TracingResponseEncoder;
import io.tracefill.serdes.model.TracingResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes a response envelope to the command's output, compact or indented. */
final class JsonOutput {
    private JsonOutput() {
    }

    static void print(TracingResult result, ResponseType type, boolean pretty, PrintWriter out) {
        byte[] json = new TracingResponseEncoder(type, false).encode(result);
        try {
            if (pretty) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(mapper.writeValueAsString(mapper.readTree(json)));
            } else {
                out.println(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
