package io.tracefill.serdes.otlp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {
    @Test
    void acceptsWhatGoParsesAndWritesItCanonically() {
        assertThat(IpLiteral.canonical("10.244.1.17")).isEqualTo("10.244.1.17");
        assertThat(IpLiteral.canonical("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(IpLiteral.canonical("::")).isEqualTo("::");
        assertThat(IpLiteral.canonical("::1")).isEqualTo("::1");
        assertThat(IpLiteral.canonical("1::")).isEqualTo("1::");
        assertThat(IpLiteral.canonical("1:2:3:4:5:6:7:8")).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(IpLiteral.canonical("2001:DB8:0:0:1:0:0:1")).as("first of equal zero runs")
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiteral.canonical("2001:db8:0000:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(IpLiteral.canonical("1:0:2:3:4:5:6:7")).as("a single zero group stays").isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(IpLiteral.canonical("::ffff:1.2.3.4")).as("IPv4-mapped is IPv4").isEqualTo("1.2.3.4");
        assertThat(IpLiteral.canonical("64:ff9b::1.2.3.4")).isEqualTo("64:ff9b::102:304");
    }

    @Test
    void refusesAnythingElse() {
        String[] bad = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.", ".1.2.3", "1..2.3", "a.b.c.d",
                ":::", "1:2:3:4:5:6:7:8:9", "1:2::3::4", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::1",
                "::ffff:1.2.3", "fe80::1%eth0", "g::1", "1:2:3:4:5:6:7::8", "orders.shop.svc", " 1.2.3.4", "1.2.3.4 "};
        for (String s : bad) {
            assertThat(IpLiteral.canonical(s)).as(s).isNull();
        }
        assertThat(IpLiteral.canonical(null)).isNull();
    }
}
