package io.tracefill.topology.query;

import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeException;
import io.tracefill.topology.stream.index.CorrelationIndex;
import io.tracefill.tracing.TimeWindow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What instances ask each other over HTTP when a key's partition is owned elsewhere. Binary, so
 * flows cross exactly as the stores hold them ({@link FlowListCodec}), not through a JSON codec.
 * <pre>
 *  lookup batch:  int version = 1, long window start s, long window end s, boolean otel only,
 *                 int limit, int n, n × (int partition, int length, UTF-8 key)
 *  lookups:       int version = 1, int n, n × (boolean cut, int length, FlowListCodec bytes)
 * </pre>
 */
public final class PeerProtocol {
    /** Where every peer endpoint lives; not for clients. */
    public static final String PREFIX = "/internal/";
    /** {@code POST}, a lookup batch in, lookups out (in the batch's order). */
    public static final String LOOKUPS_PATH = "/internal/v1/index-lookups";
    /** {@code GET /internal/v1/emitted/{partition}/{trace id, percent-encoded}}: API JSON, or 404. */
    public static final String EMITTED_PATH = "/internal/v1/emitted/";

    private static final int VERSION = 1;
    /** Far above what one engine query names; bounds what a corrupt count can allocate. */
    private static final int MAX_KEYS = 1 << 20;

    private PeerProtocol() {
    }

    /** One key of one partition. */
    public record KeyAt(int partition, String key) {
    }

    /** Lookups of many keys with one window, signal filter and limit: one engine query's share of one instance. */
    public record LookupBatch(TimeWindow window, boolean otelOnly, int limit, List<KeyAt> keys) {
        public LookupBatch {
            keys = List.copyOf(keys);
        }
    }

    public static byte[] encode(LookupBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + batch.keys().size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(batch.window().startS());
            out.writeLong(batch.window().endS());
            out.writeBoolean(batch.otelOnly());
            out.writeInt(batch.limit());
            out.writeInt(batch.keys().size());
            for (KeyAt k : batch.keys()) {
                out.writeInt(k.partition());
                byte[] key = k.key().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException for bytes that are not a lookup batch */
    public static LookupBatch decodeBatch(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            TimeWindow window = new TimeWindow(in.readLong(), in.readLong());
            boolean otelOnly = in.readBoolean();
            int limit = in.readInt();
            if (limit < 0) {
                throw new IOException("negative limit " + limit);
            }
            int n = count(in);
            List<KeyAt> keys = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                int partition = in.readInt();
                keys.add(new KeyAt(partition, new String(bytes(in), StandardCharsets.UTF_8)));
            }
            end(in);
            return new LookupBatch(window, otelOnly, limit, keys);
        }
    }

    public static byte[] encode(List<CorrelationIndex.Lookup> lookups) {
        FlowListCodec codec = new FlowListCodec();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(lookups.size());
            for (CorrelationIndex.Lookup l : lookups) {
                out.writeBoolean(l.cut());
                byte[] flows = codec.encode(l.flows());
                out.writeInt(flows.length);
                out.write(flows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException for bytes that are not lookups */
    public static List<CorrelationIndex.Lookup> decodeLookups(byte[] bytes) throws IOException {
        FlowListCodec codec = new FlowListCodec();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            int n = count(in);
            List<CorrelationIndex.Lookup> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                boolean cut = in.readBoolean();
                try {
                    out.add(new CorrelationIndex.Lookup(codec.decode(bytes(in)), cut));
                } catch (DecodeException e) {
                    throw new IOException("lookup " + i + ": " + e.getMessage(), e);
                }
            }
            end(in);
            return out;
        }
    }

    private static void version(DataInputStream in) throws IOException {
        int v = in.readInt();
        if (v != VERSION) {
            throw new IOException("peer protocol version " + v + " is not known (this build speaks " + VERSION + ")");
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_KEYS) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new EOFException("length " + length + " runs past the end");
        }
        return in.readNBytes(length);
    }

    private static void end(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new IOException("unexpected bytes after the end");
        }
    }
}
