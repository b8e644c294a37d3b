package io.tracefill.serdes.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracefill.serdes.model.Flow;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: whatever the bytes, the decoder returns a sane {@link Flow} or throws a
 * {@link DecodeException} that is not its own internal-error safety net. Fixed seeds, so a
 * failure reproduces; the failing input is printed in hex.
 */
class FlowRowDecoderFuzzTest {
    private static final byte[] JSONISH = "{}[]\":,.-+eE0123456789 \n\\/tfnrua_\u00e9".getBytes(StandardCharsets.UTF_8);
    private static final String[] TOKENS = {"null", "-1", "0", "1e400", "-0", "\"\"", "[", "]", "{", "}", "{}", "[]",
            "18446744073709551616", "9223372036854775808", "\"\\u0000\"", "\"\\ud800\"", "true", ",", ":", "\"",
            "\"Server Process\"", "\"eBPF\"", "1.5", "32503680000000000"};
    private static final String[] KEYS = {"_id", "start_time", "end_time", "start_time_us", "end_time_us", "trace_id",
            "trace_id_2", "observation_point", "tap_side", "signal_source", "l7_protocol", "type", "response_status",
            "protocol", "agent", "agent_id", "vtap_id", "flow_id", "syscall_trace_id_request", "req_tcp_seq",
            "request_id", "response_code", "auto_instance_type_0", "auto_instance_0", "auto_instance_id_1",
            "attribute_names", "attribute_values", "attribute", "resource_from_vtap", "is_ipv4", "ip4_0", "datasource",
            "process_id_1", "server_port", "unknown_key"};

    private final FlowRowDecoder decoder = new FlowRowDecoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private int decoded;
    private int rejected;

    @Test
    void randomBytesNeverEscapeAsAnythingButDecodeException() {
        Random rnd = new Random(0x5eed_0001L);
        for (int i = 0; i < 5_000; i++) {
            byte[] input = new byte[rnd.nextInt(300)];
            boolean jsonish = rnd.nextBoolean();
            for (int j = 0; j < input.length; j++) {
                input[j] = jsonish ? JSONISH[rnd.nextInt(JSONISH.length)] : (byte) rnd.nextInt(256);
            }
            if (jsonish && input.length > 0) {
                input[0] = '{';
            }
            check(input);
        }
        assertThat(rejected).isPositive();
    }

    @Test
    void mutatedRecordsNeverEscapeAsAnythingButDecodeException() throws Exception {
        Random rnd = new Random(0x5eed_0002L);
        List<byte[]> seeds = compactSamples();
        for (int i = 0; i < 10_000; i++) {
            byte[] input = seeds.get(rnd.nextInt(seeds.size()));
            int mutations = 1 + rnd.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, rnd);
            }
            check(input);
        }
        assertThat(decoded).as("some mutations keep the record valid").isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void recordsWithRandomValuesNeverEscapeAsAnythingButDecodeException() throws Exception {
        Random rnd = new Random(0x5eed_0003L);
        List<byte[]> seeds = compactSamples();
        for (int i = 0; i < 3_000; i++) {
            ObjectNode row = (ObjectNode) mapper.readTree(seeds.get(rnd.nextInt(seeds.size())));
            int changes = 1 + rnd.nextInt(3);
            for (int c = 0; c < changes; c++) {
                String key = rnd.nextInt(3) == 0 ? KEYS[rnd.nextInt(KEYS.length)] : randomExistingKey(row, rnd);
                if (rnd.nextInt(8) == 0) {
                    row.remove(key);
                } else {
                    row.set(key, randomValue(rnd, 0));
                }
            }
            check(mapper.writeValueAsBytes(row));
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void trickySyntaxIsJudgedAsJacksonJudgesIt() {
        String[] values = {"\"\\u00e9\"", "\"\\uD83D\\uDE00\"", "\"\\ud800\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
                "\"a\\/b\"", "\"tab\there\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\u007f\"", "\"\u00e9\uD83D\uDE00\"",
                "-0", "-0.0e-0", "1E+2", "1e", ".5", "5.", "+1", "01", "-01", "-", "--1", "0x10", "1_000", "Infinity",
                "NaN", "-Infinity", "1.0e400", "123456789012345678901234567890", "tru", "truee", "nul", "null1",
                "false", "[1,]", "[,1]", "[1 2]", "[1,,2]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "{\"a\":1 \"b\":2}",
                "[[[]]]", "{}", "[]", "\"\"", "{\"a\":{\"b\":[{},[]]}}", "\u000b1", "\f1", "\u00a01", "\r\n\t 1",
                "1/**/", "'a'", "[\"a\"", "{\"a\":}", "\"\u0001\""};
        for (String v : values) {
            for (String key : new String[]{"x", "trace_id", "response_duration", "attribute_names"}) {
                check(("{\"_id\":1,\"start_time\":1,\"end_time\":2,\"" + key + "\":" + v + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String doc : new String[]{"{}", " {\"_id\":1} ", "{\"_id\":1}\n", "{\"_id\":1}{}", "{\"_id\":1}]",
                "{\"_id\":1,\"start_time\":1,\"end_time\":2}  \t", "{\"\\u005fid\":1,\"start_time\":1,\"end_time\":2}",
                "{\"_id\":1,\"start_time\":1,\"end_time\":2", "\ufeff{\"_id\":1,\"start_time\":1,\"end_time\":2}"}) {
            check(doc.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    private void check(byte[] input) {
        Flow fromBytes = null;
        DecodeException bytesError = null;
        try {
            fromBytes = decoder.decode(input);
            decoded++;
        } catch (DecodeException e) {
            rejected++;
            bytesError = e;
            if (e.getMessage().contains("internal decoder error")) {
                fail("decoder bug on " + hex(input), e);
            }
        } catch (Throwable t) {
            fail("escaped " + t + " on " + hex(input), t);
        }
        if (fromBytes != null) {
            assertSane(fromBytes, input);
            if (Utf8.firstInvalid(input, 0, input.length) >= 0) {
                fail("accepted bytes that are not strict UTF-8: " + hex(input));
            }
        }
        agreesWithJacksonOnSyntax(input, bytesError);
        // the text entry point agrees with the bytes one on any valid UTF-8 input
        if (Utf8.firstInvalid(input, 0, input.length) < 0 && (input.length == 0 || input[0] != (byte) 0xef)) {
            String text = new String(input, StandardCharsets.UTF_8);
            try {
                Flow fromText = decoder.decode(text);
                if (!fromText.equals(fromBytes)) {
                    fail("text gave " + fromText + " but bytes " + (bytesError != null ? bytesError : fromBytes)
                            + " on " + hex(input));
                }
            } catch (DecodeException e) {
                if (bytesError == null) {
                    fail("text rejected " + hex(input) + " (" + e + ") but bytes did not");
                }
            } catch (Throwable t) {
                fail("escaped " + t + " on text " + hex(input), t);
            }
        }
    }

    /**
     * Differential check of our scanner against Jackson, a reference JSON parser: whatever Jackson
     * refuses we refuse, and we never call "malformed" what Jackson reads as one JSON object.
     */
    private void agreesWithJacksonOnSyntax(byte[] input, DecodeException ours) {
        if (Utf8.firstInvalid(input, 0, input.length) >= 0) {
            return; // refused before any parsing
        }
        boolean jacksonValid = jacksonReadsOneObject(input);
        if (!jacksonValid && ours == null) {
            fail("accepted what Jackson refuses: " + hex(input));
        }
        if (jacksonValid && ours != null && ours.reason().startsWith("malformed JSON")) {
            fail("called malformed what Jackson reads: " + hex(input) + " (" + ours + ")");
        }
    }

    private boolean jacksonReadsOneObject(byte[] input) {
        try (var p = mapper.getFactory().createParser(input)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            int depth = 1;
            while (depth > 0) {
                var t = p.nextToken();
                if (t == null) {
                    return false;
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    p.getText(); // make Jackson check the escapes of every string
                }
            }
            return p.nextToken() == null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Plain checks: this runs tens of thousands of times, and a message is built only on failure. */
    private static void assertSane(Flow f, byte[] input) {
        boolean sane = f.id().matches("0|[1-9][0-9]{0,19}")
                && f.startTimeUs() >= 0 && f.startTimeUs() <= f.endTimeUs() && f.endTimeUs() <= TimeField.MAX_US
                && f.responseDuration() >= 0
                && f.reqTcpSeq() >= 0 && f.reqTcpSeq() <= JsonValues.UINT32_MAX
                && f.vtapId() >= 0
                && f.client() != null && f.server() != null;
        if (!sane) {
            fail("insane flow " + f + " from " + hex(input));
        }
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        if (in.length == 0) {
            return new byte[]{(byte) rnd.nextInt(256)};
        }
        int at = rnd.nextInt(in.length);
        int len = 1 + rnd.nextInt(Math.min(16, in.length - at));
        return switch (rnd.nextInt(9)) {
            case 0 -> { // flip a bit
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << rnd.nextInt(8));
                yield out;
            }
            case 1 -> { // any byte
                byte[] out = in.clone();
                out[at] = (byte) rnd.nextInt(256);
                yield out;
            }
            case 2 -> splice(in, at, len, new byte[0]); // delete
            case 3 -> splice(in, at, 0, randomBytes(rnd, 1 + rnd.nextInt(4))); // insert
            case 4 -> splice(in, at, 0, java.util.Arrays.copyOfRange(in, at, at + len)); // duplicate
            case 5 -> java.util.Arrays.copyOf(in, at); // truncate
            case 6 -> { // another digit
                byte[] out = in.clone();
                for (int i = at; i < out.length; i++) {
                    if (out[i] >= '0' && out[i] <= '9') {
                        out[i] = (byte) ('0' + rnd.nextInt(10));
                        break;
                    }
                }
                yield out;
            }
            case 7 -> splice(in, at, rnd.nextBoolean() ? 0 : len,
                    TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8)); // a JSON token
            default -> { // swap two chunks
                int other = rnd.nextInt(in.length);
                int n = Math.min(len, Math.min(in.length - at, in.length - other));
                byte[] out = in.clone();
                System.arraycopy(in, other, out, at, n);
                System.arraycopy(in, at, out, other, n);
                yield out;
            }
        };
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static String randomExistingKey(ObjectNode row, Random rnd) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names.get(rnd.nextInt(names.size()));
    }

    private static JsonNode randomValue(Random rnd, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rnd.nextInt(depth > 2 ? 12 : 14)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(rnd.nextBoolean());
            case 2 -> f.numberNode(rnd.nextLong());
            case 3 -> f.numberNode(rnd.nextInt(100) - 10);
            case 4 -> f.numberNode(new BigInteger(70, rnd));
            case 5 -> f.numberNode(rnd.nextDouble() * 1e6);
            case 6 -> f.numberNode(1_718_000_000_000_000L + rnd.nextInt(1_000_000));
            case 7 -> f.textNode(Long.toUnsignedString(rnd.nextLong()));
            case 8 -> f.textNode(pick(rnd, "eBPF", "Server Process", "s-p", "HTTP", "Session", "TCP", "pod", "ip",
                    "Success", "nonsense", "", "internet"));
            case 9 -> f.textNode(randomText(rnd));
            case 10 -> f.textNode("-" + rnd.nextInt(10));
            case 11 -> f.numberNode(Long.MIN_VALUE);
            case 12 -> {
                var a = f.arrayNode();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    a.add(randomValue(rnd, depth + 1));
                }
                yield a;
            }
            default -> {
                var o = f.objectNode();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    o.set(randomText(rnd), randomValue(rnd, depth + 1));
                }
                yield o;
            }
        };
    }

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(12); i > 0; i--) {
            int kind = rnd.nextInt(4);
            sb.appendCodePoint(switch (kind) {
                case 0 -> 'a' + rnd.nextInt(26);
                case 1 -> rnd.nextInt(0x20);
                case 2 -> 0x80 + rnd.nextInt(0x700);
                default -> 0x10000 + rnd.nextInt(0x1000);
            });
        }
        return sb.toString();
    }

    private static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private List<byte[]> compactSamples() throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String s : Samples.ALL) {
            out.add(mapper.writeValueAsBytes(mapper.readTree(Samples.bytes(s))));
        }
        return out;
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input);
    }
}
