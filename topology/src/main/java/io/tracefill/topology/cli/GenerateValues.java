package io.tracefill.topology.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses option values (durations, times, numbers) of {@code generate}, {@code demo} and
 * {@code replay}, with one-line messages naming the option.
 */
final class GenerateValues {
    /** Integers below this are ms since the epoch where ms are allowed. */
    private static final long MILLIS_BELOW = 100_000_000_000_000L;
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private GenerateValues() {
    }

    static double number(String option, String value) {
        try {
            double v = Double.parseDouble(value.strip());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(option + ": expected a number, got '" + value + "'");
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms}, {@code 1d}, ISO-8601 ({@code PT1M}), or seconds. */
    static Duration duration(String value) {
        String v = value.strip();
        Duration d;
        if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                d = Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new CliException("--duration: not an ISO-8601 duration: '" + value + "'");
            }
        } else {
            Matcher m = AMOUNT.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CliException("--duration: expected e.g. 90s, 5m, 2h, 500ms or PT1M, got '" + value + "'");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ms = amount * switch (unit) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> 1_000;
            };
            d = Duration.ofMillis(Math.round(Math.min(ms, 1e15)));
        }
        if (d.isNegative() || d.isZero()) {
            throw new CliException("--duration must be > 0, got '" + value + "'");
        }
        return d;
    }

    /** µs since the epoch as an ISO-8601 instant, e.g. {@code 2024-06-10T06:13:20Z}. */
    static String instant(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L).toString();
    }

    /** An ISO-8601 instant with offset ({@code 2024-06-10T06:13:20Z}) or an integer of µs since the epoch. */
    static long startTimeUs(String value) {
        return timeUs("--start-time", value, false);
    }

    /**
     * A point in time, µs since the epoch: an ISO-8601 instant with offset ({@code 2024-06-10T06:13:20Z},
     * fractions allowed) or an integer since the epoch. With {@code millisToo}, integers below
     * 10^14 are ms (10^14 ms is the year 5138, 10^14 µs is 1973), larger ones µs; otherwise all are µs.
     */
    static long timeUs(String option, String value, boolean millisToo) {
        String v = value.strip();
        if (v.matches("-?\\d+")) {
            try {
                long n = Long.parseLong(v);
                return millisToo && Math.abs(n) < MILLIS_BELOW ? Math.multiplyExact(n, 1000L) : n;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new CliException(option + ": out of range: '" + value + "'");
            }
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000L);
        } catch (DateTimeException | ArithmeticException e) {
            throw new CliException(option + ": expected an ISO-8601 time such as 2024-06-10T06:13:20Z "
                    + "or " + (millisToo ? "ms or µs" : "µs") + " since the epoch, got '" + value + "'");
        }
    }
}
