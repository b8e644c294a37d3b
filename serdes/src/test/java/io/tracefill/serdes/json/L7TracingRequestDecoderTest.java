package io.tracefill.serdes.json;

import io.tracefill.serdes.model.L7TracingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class L7TracingRequestDecoderTest {
    private final L7TracingRequestDecoder decoder = new L7TracingRequestDecoder(DecodeLimits.DEFAULTS);

    private L7TracingRequest decode(String json) throws DecodeException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesWhatDeepFlowsTracingViewSends() throws Exception {
        L7TracingRequest r = decode("{\"DATABASE\":\"flow_log\",\"TABLE\":\"l7_flow_log\",\"MAX_ITERATION\":30,"
                + "\"NETWORK_DELAY_US\":3000000,\"_id\":\"7225065397752915120\",\"TIME_START\":1718000000,"
                + "\"TIME_END\":1718000060,\"has_attributes\":0,\"DEBUG\":false}");

        assertThat(r).isEqualTo(new L7TracingRequest("7225065397752915120", null, 1718000000L, 1718000060L, 30,
                3_000_000L, null, false));
    }

    @Test
    void acceptsLowerCaseNamesANumericIdAndTheOtelOnlySignalSource() throws Exception {
        L7TracingRequest r = decode("{\"_id\":007,\"time_start\":1,\"time_end\":1,\"host_clock_offset_us\":0,"
                .replace("007", "7") + "\"signal_sources\":[\"otel\"],\"trace_id\":\"abc\"}");

        assertThat(r).isEqualTo(new L7TracingRequest("7", "abc", 1, 1, null, null, 0L, true));
    }

    @Test
    void aTraceIdAloneNamesTheEntry() throws Exception {
        assertThat(decode("{\"trace_id\":\"abc\",\"TIME_START\":1,\"TIME_END\":2}").id()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"TIME_START\":1,\"TIME_END\":2}|_id: missing: give the entry flow's _id (or a trace_id)",
            "{\"_id\":\"1\",\"TIME_END\":2}|TIME_START: missing: the search window's start, in seconds",
            "{\"_id\":\"1\",\"TIME_START\":3,\"TIME_END\":2}|TIME_START: is after TIME_END (3 > 2)",
            "{\"_id\":\"x1\",\"TIME_START\":1,\"TIME_END\":2}|_id: expected an unsigned decimal integer, got 'x1'",
            "{\"_id\":true,\"TIME_START\":1,\"TIME_END\":2}|_id: expected an unsigned integer (number or decimal text), got boolean",
            "{\"_id\":\"1\",\"TIME_START\":\"1\",\"TIME_END\":2}|TIME_START: expected an integer, got string",
            "{\"_id\":\"1\",\"TIME_START\":-1,\"TIME_END\":2}|TIME_START: must not be negative, got -1",
            "{\"_id\":\"1\",\"TIME_START\":1,\"TIME_END\":2,\"TABLE\":\"l4_flow_log\"}|TABLE: tracefill traces l7_flow_log only, got 'l4_flow_log'",
            "{\"_id\":\"1\",\"TIME_START\":1,\"TIME_END\":2,\"limit\":5}|limit: unknown key (accepted: _id, trace_id, time_start, time_end, max_iteration, network_delay_us, host_clock_offset_us, signal_sources, database, table, debug, has_attributes, ntp_delay_us, also in upper case)",
            "{\"_id\":\"1\",\"TIME_START\":1,\"time_start\":1,\"TIME_END\":2}|time_start: given twice",
            "[1]|expected a JSON object with _id, TIME_START and TIME_END, got array",
    })
    void refusesWithAMessageNamingTheKey(String body, String message) {
        DecodeException e = catchThrowableOfType(() -> decode(body), DecodeException.class);

        assertThat(e).hasMessage(message);
    }

    @Test
    void refusesMalformedJson() {
        assertThat(catchThrowableOfType(() -> decode("{\"_id\":"), DecodeException.class).getMessage())
                .startsWith("_id: malformed JSON");
    }
}
