package io.tracefill.serdes.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test rows from {@code src/test/resources/rows}. */
final class Samples {
    /** formats §5.A as DeepFlow's exporter writes it by default (enum display names). */
    static final String EXPORTER_NAMES = "exporter-5a-names.json";
    /** formats §5.A with {@code enum-translate-to-name-disabled: true} (raw codes). */
    static final String EXPORTER_CODES = "exporter-5a-codes.json";
    /** The §5.A request as the querier returns it to deepflow-app (ids, not names). */
    static final String QUERIER_S_P = "querier-s-p.json";
    /** formats §5.B's app span as a querier row. */
    static final String QUERIER_S_APP = "querier-s-app.json";

    static final String[] ALL = {EXPORTER_NAMES, EXPORTER_CODES, QUERIER_S_P, QUERIER_S_APP};

    private Samples() {
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/rows/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test row " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
