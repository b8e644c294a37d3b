package io.tracefill.deploy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as Kubernetes quantities, JVM options and compose mem_limit write them. */
final class Sizes {
    static final long KI = 1024;
    static final long MI = KI * KI;
    static final long GI = MI * KI;

    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgGtT]?)(?=\\s|$)");
    private static final Pattern COMPOSE = Pattern.compile("(\\d+)([bkmg]?)b?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** A Kubernetes memory quantity ("2304Mi", "2Gi", "2G", "1073741824") in bytes. */
    static long quantity(String q) {
        Matcher m = QUANTITY.matcher(q.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + q);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "" -> n;
            case "Ki" -> n * KI;
            case "Mi" -> n * MI;
            case "Gi" -> n * GI;
            case "Ti" -> n * GI * KI;
            case "k" -> n * 1000;
            case "M" -> n * 1000_000;
            case "G" -> n * 1000_000_000;
            case "T" -> n * 1000_000_000_000L;
            default -> throw new IllegalArgumentException(q);
        };
    }

    /** The last -Xmx of a JVM option string, in bytes; -1 when there is none. */
    static long xmx(String jvmOptions) {
        Matcher m = XMX.matcher(jvmOptions);
        long bytes = -1;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            bytes = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "" -> n;
                case "k" -> n * KI;
                case "m" -> n * MI;
                case "g" -> n * GI;
                case "t" -> n * GI * KI;
                default -> throw new IllegalArgumentException(m.group());
            };
        }
        return bytes;
    }

    /** A compose size ("1g", "512m", "1gb", bytes). */
    static long compose(String s) {
        Matcher m = COMPOSE.matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a compose size: " + s);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> n;
            case "k" -> n * KI;
            case "m" -> n * MI;
            case "g" -> n * GI;
            default -> throw new IllegalArgumentException(s);
        };
    }

    static String mib(long bytes) {
        return (bytes / MI) + " MiB";
    }
}
