package io.tracefill.topology.stream.assembly;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How the {@code trace-emitted} store keeps the last emission of each trace: its API JSON
 * envelope, deflated. API JSON repeats every field name per span and compresses about tenfold;
 * Kafka Streams' RocksDB stores and changelogs are not compressed by default, and this store
 * holds every trace for the trace retention. The store is read by {@code GET /v1/traces/{id}}.
 */
public final class EmittedTraces {
    private EmittedTraces() {
    }

    public static byte[] encode(byte[] apiJson) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(apiJson);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, apiJson.length / 6));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    public static byte[] decode(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 8);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated entry in the trace-emitted store");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt entry in the trace-emitted store: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
