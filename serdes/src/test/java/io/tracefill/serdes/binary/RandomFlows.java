package io.tracefill.serdes.binary;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.FlowSide;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random flows that hit every field with edge values: the extremes of int and long,
 * varint length boundaries, empty strings, NUL, every UTF-8 length (1–4 bytes, surrogate pairs,
 * U+FFFF, U+10FFFF), unpaired surrogates, long strings, nulls in the nullable components, empty and full sides,
 * attribute maps in hash order.
 */
public final class RandomFlows {
    private static final long[] LONG_EDGES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 16_383, 16_384,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff_ffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 1_718_000_000_123_456L, -1_718_000_000_123_456L,
            0x8000_0000_0000_0000L | 12345, 8_816_312_217_543_229_441L};
    private static final int[] INT_EDGES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 255, 65_535, 65_536,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1};
    private static final String[] STRING_EDGES = {"", "\u0000", "s-p", "Server Process", "\u007f", "\u0080", "\u07ff",
            "\u0800", "\uffff", "\ud7ff", "\ue000", "\ud800\udc00", "\udbff\udfff", "ÿ", "日本語のテキスト", "Ω≈ç√∫",
            "😀👍🏽", "a\"b\\c\nd\te", "10.244.1.17", "5c1f0a7d2e9b4c6a8f3d1b2e4a6c8e0f", " ", "x".repeat(127),
            "x".repeat(128), "é".repeat(64), "\ud800", "a\udc00b", "\udbff", "\udc00\ud800"};

    private final SplittableRandom rnd;

    public RandomFlows(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    public Flow next() {
        return Flow.builder()
                .id(string())
                .signalSource(anInt())
                .tapSide(string())
                .type(anInt())
                .l7Protocol(anInt())
                .l7ProtocolStr(string())
                .protocol(anInt())
                .version(string())
                .startTimeUs(aLong())
                .endTimeUs(aLong())
                .responseDuration(aLong())
                .vtapId(aLong())
                .flowId(aLong())
                .reqTcpSeq(aLong())
                .respTcpSeq(aLong())
                .syscallTraceIdRequest(aLong())
                .syscallTraceIdResponse(aLong())
                .syscallCapSeq0(aLong())
                .syscallCapSeq1(aLong())
                .traceId(string())
                .spanId(string())
                .parentSpanId(string())
                .xRequestId0(string())
                .xRequestId1(string())
                .requestId(rnd.nextInt(3) == 0 ? null : aLong())
                .appService(string())
                .appInstance(string())
                .isAsync(anInt())
                .isTls(anInt())
                .serverPort(anInt())
                .endpoint(string())
                .requestType(string())
                .requestDomain(string())
                .requestResource(string())
                .responseCode(rnd.nextInt(3) == 0 ? null : anInt())
                .responseException(string())
                .responseResult(string())
                .httpProxyClient(string())
                .responseStatus(anInt())
                .bizResponseCode(string())
                .client(side())
                .server(side())
                .tapPort(aLong())
                .tapPortName(string())
                .tapPortType(anInt())
                .tapId(aLong())
                .tap(string())
                .resourceFromVtap(rnd.nextInt(3) == 0 ? null : string())
                .querierRegion(string())
                .tapSideEnum(rnd.nextInt(3) == 0 ? null : string())
                .l7ProtocolEnum(rnd.nextInt(3) == 0 ? null : string())
                .attributes(attributes())
                .build();
    }

    private FlowSide side() {
        if (rnd.nextInt(4) == 0) {
            return FlowSide.EMPTY;
        }
        return new FlowSide(anInt(), aLong(), string(), anInt(), aLong(), string(), anInt(), aLong(), string(),
                string(), string(), string());
    }

    /** A HashMap on purpose: its iteration order is not the encoder's, which must sort. */
    private Map<String, String> attributes() {
        int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(string(), string());
        }
        return m;
    }

    public long aLong() {
        return switch (rnd.nextInt(4)) {
            case 0 -> LONG_EDGES[rnd.nextInt(LONG_EDGES.length)];
            case 1 -> rnd.nextLong(0, 1L << rnd.nextInt(1, 63));
            default -> rnd.nextLong();
        };
    }

    public int anInt() {
        return switch (rnd.nextInt(3)) {
            case 0 -> INT_EDGES[rnd.nextInt(INT_EDGES.length)];
            case 1 -> rnd.nextInt(0, 1 << rnd.nextInt(1, 31));
            default -> rnd.nextInt();
        };
    }

    public String string() {
        switch (rnd.nextInt(6)) {
            case 0:
                return STRING_EDGES[rnd.nextInt(STRING_EDGES.length)];
            case 1:
                return "";
            case 2:
                return unicode(rnd.nextInt(40));
            case 3:
                return rnd.nextInt(50) == 0 ? ascii(1 + rnd.nextInt(20_000)) : ascii(rnd.nextInt(60));
            default:
                return ascii(rnd.nextInt(24));
        }
    }

    private String ascii(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) rnd.nextInt(0x80));
        }
        return sb.toString();
    }

    /** Valid Unicode text: any code point but unpaired surrogates. */
    private String unicode(int n) {
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            int cp = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(0x80);
                case 1 -> rnd.nextInt(0x80, 0x800);
                case 2 -> rnd.nextInt(0x800, 0x10000);
                default -> rnd.nextInt(0x10000, 0x110000);
            };
            if (cp >= 0xd800 && cp <= 0xdfff) {
                cp = 0xfffd;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
