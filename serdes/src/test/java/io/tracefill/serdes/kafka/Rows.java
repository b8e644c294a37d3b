package io.tracefill.serdes.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** DeepFlow rows for the Kafka tests: the samples of formats §5 and edits of them. */
final class Rows {
    /** formats §5.A as DeepFlow's exporter writes it by default (enum display names). */
    static final String EXPORTER_NAMES = "exporter-5a-names.json";
    /** formats §5.A with raw enum codes. */
    static final String EXPORTER_CODES = "exporter-5a-codes.json";
    /** The same request as a querier row. */
    static final String QUERIER_S_P = "querier-s-p.json";
    /** formats §5.B's app span as a querier row. */
    static final String QUERIER_S_APP = "querier-s-app.json";
    static final String[] ALL = {EXPORTER_NAMES, EXPORTER_CODES, QUERIER_S_P, QUERIER_S_APP};

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /** The sample as one compact line of UTF-8, as it travels on the topic. */
    static byte[] compact(String name) {
        return edit(name, row -> { });
    }

    /** The sample with {@code change} applied, compact. */
    static byte[] edit(String name, Consumer<ObjectNode> change) {
        try {
            ObjectNode row = (ObjectNode) JSON.readTree(raw(name));
            change.accept(row);
            return JSON.writeValueAsBytes(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] raw(String name) {
        try (InputStream in = Rows.class.getResourceAsStream("/rows/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test row " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code b} with the first occurrence of {@code what} replaced by {@code with}. */
    static byte[] replace(byte[] b, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= b.length; i++) {
            int j = 0;
            while (j < what.length && b[i + j] == what[j]) {
                j++;
            }
            if (j == what.length) {
                byte[] out = new byte[b.length - what.length + with.length];
                System.arraycopy(b, 0, out, 0, i);
                System.arraycopy(with, 0, out, i, with.length);
                System.arraycopy(b, i + what.length, out, i + with.length, b.length - i - what.length);
                return out;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
