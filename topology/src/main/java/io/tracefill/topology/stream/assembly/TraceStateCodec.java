package io.tracefill.topology.stream.assembly;

import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Binary form of {@link TraceState} for the assembly store (version byte first). */
public final class TraceStateCodec {
    // 2: without the received-answers count (the stored partial answers say it)
    private static final int VERSION = 2;
    private final FlowListCodec lists = new FlowListCodec();

    public byte[] encode(TraceState s) {
        var bytes = new ByteArrayOutputStream(1024);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeList(out, lists.encode(s.appSpans()));
            out.writeByte(s.phase().ordinal());
            out.writeLong(s.closeAtUs());
            out.writeInt(s.round());
            out.writeInt(s.awaitedKeys());
            writeList(out, lists.encode(s.held()));
            Set<String> ids = new TreeSet<>(s.emittedSpanIds());
            out.writeInt(ids.size());
            for (String id : ids) {
                out.writeUTF(id);
            }
            out.writeInt(s.cutSpans());
            out.writeInt(s.cutKeys());
            out.writeInt(s.emissions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public TraceState decode(byte[] bytes) throws DecodeException {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new DecodeException(null, "trace state version " + version + " is not known");
            }
            var spans = lists.decode(readList(in));
            var phase = TraceState.Phase.values()[in.readUnsignedByte()];
            long closeAt = in.readLong();
            int round = in.readInt();
            int awaited = in.readInt();
            var held = lists.decode(readList(in));
            int n = in.readInt();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
            }
            return new TraceState(spans, phase, closeAt, round, awaited, held, ids, in.readInt(),
                    in.readInt(), in.readInt());
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new DecodeException(null, "corrupt trace state: " + e);
        }
    }

    private static void writeList(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readList(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
