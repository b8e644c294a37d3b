package io.tracefill.topology.stream.message;

import io.tracefill.serdes.binary.FlowBinaryCodec;
import io.tracefill.serdes.binary.FlowHead;
import io.tracefill.serdes.binary.FlowListCodec;
import io.tracefill.serdes.json.DecodeException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Binary form of {@link StreamMessage}: a type byte, then the fields. Flows use
 * {@link FlowBinaryCodec} / {@link FlowListCodec}, so their own versioning applies. Only tracefill
 * writes these topics; a record it cannot read is a bug or a foreign producer and is refused.
 */
public final class StreamMessageCodec {
    private static final byte FLOW = 'F';
    private static final byte TICK = 'T';
    private static final byte PROBE = 'P';
    private static final byte ANSWER = 'A';

    private final FlowBinaryCodec flows = new FlowBinaryCodec();
    private final FlowListCodec lists = new FlowListCodec();

    public byte[] encode(StreamMessage message) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            if (message instanceof StreamMessage.FlowMessage f) {
                out.writeByte(FLOW);
                out.write(flows.encode(f.flow()));
            } else if (message instanceof StreamMessage.Tick t) {
                out.writeByte(TICK);
                out.writeUTF(t.source());
                out.writeLong(t.maxEventTimeUs());
                out.writeBoolean(t.idle());
            } else if (message instanceof StreamMessage.Probe p) {
                out.writeByte(PROBE);
                out.writeUTF(p.traceId());
                out.writeInt(p.round());
                out.writeInt(p.keyCount());
                out.writeLong(p.windowStartS());
                out.writeLong(p.windowEndS());
                out.writeBoolean(p.otelOnly());
                out.writeInt(p.limit());
            } else if (message instanceof StreamMessage.Answer a) {
                writeAnswerHeader(out, a.traceId(), a.round(), a.key(), a.cut());
                out.write(lists.encode(a.flows()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether the encoded message is a {@link StreamMessage.FlowMessage}. */
    public boolean isFlow(byte[] bytes) {
        return bytes != null && bytes.length > 0 && bytes[0] == FLOW;
    }

    /** The head of the flow of an encoded {@link StreamMessage.FlowMessage}, the rest left undecoded. */
    public FlowHead flowHead(byte[] bytes) throws DecodeException {
        if (!isFlow(bytes)) {
            throw new DecodeException(null, "not a flow message");
        }
        return flows.head(bytes, 1, bytes.length - 1);
    }

    /**
     * An {@link StreamMessage.Answer} whose flows are already encoded one by one: the same bytes
     * {@link #encode} writes for the decoded flows.
     */
    public byte[] encodeAnswer(String traceId, int round, String key, boolean cut, List<byte[]> encodedFlows) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            writeAnswerHeader(out, traceId, round, key, cut);
            out.write(lists.encodeEncoded(encodedFlows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeAnswerHeader(DataOutputStream out, String traceId, int round, String key, boolean cut)
            throws IOException {
        out.writeByte(ANSWER);
        out.writeUTF(traceId);
        out.writeInt(round);
        out.writeUTF(key);
        out.writeBoolean(cut);
    }

    /**
     * The flows of an encoded {@link StreamMessage.Answer} as {@link FlowListCodec} bytes, so they
     * can be stored without being encoded again.
     */
    public byte[] answerFlowBytes(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0 || bytes[0] != ANSWER) {
            throw new DecodeException(null, "not an answer message");
        }
        var in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        try {
            in.readUTF();
            in.readInt();
            in.readUTF();
            in.readBoolean();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DecodeException(null, "truncated internal message: " + e);
        }
    }

    public StreamMessage decode(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(null, "empty internal message");
        }
        var in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        try {
            return switch (bytes[0]) {
                case FLOW -> new StreamMessage.FlowMessage(flows.decode(bytes, 1, bytes.length - 1));
                case TICK -> new StreamMessage.Tick(in.readUTF(), in.readLong(), in.readBoolean());
                case PROBE -> new StreamMessage.Probe(in.readUTF(), in.readInt(), in.readInt(), in.readLong(),
                        in.readLong(), in.readBoolean(), in.readInt());
                case ANSWER -> {
                    String traceId = in.readUTF();
                    int round = in.readInt();
                    String key = in.readUTF();
                    boolean cut = in.readBoolean();
                    yield new StreamMessage.Answer(traceId, round, key, lists.decode(in.readAllBytes()), cut);
                }
                default -> throw new DecodeException(null, "unknown internal message type " + bytes[0]);
            };
        } catch (IOException e) {
            throw new DecodeException(null, "truncated internal message: " + e);
        }
    }
}
