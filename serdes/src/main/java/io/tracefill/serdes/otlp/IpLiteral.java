package io.tracefill.serdes.otlp;

/**
 * IP address literals as DeepFlow's ingester accepts them (Go's {@code net.ParseIP}: dotted IPv4
 * without leading zeros, or IPv6 without a zone), in the text its columns show: dotted IPv4 (an
 * IPv4-mapped IPv6 address included) and RFC 5952 IPv6. Never a name lookup.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The canonical text of an IP literal, or null when {@code s} is not one. */
    static String canonical(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return ipv4(s, 0, s.length()) >= 0 ? s : null; // valid dotted text is already canonical
        }
        int[] groups = ipv6(s);
        return groups == null ? null : format(groups);
    }

    /** The address of dotted IPv4 text in {@code s[from, to)}, or -1. */
    private static long ipv4(String s, int from, int to) {
        long addr = 0;
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + s.charAt(i) - '0';
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || v > 255 || len > 1 && s.charAt(start) == '0') {
                return -1;
            }
            addr = addr << 8 | v;
            parts++;
            if (i < to) {
                if (s.charAt(i) != '.' || parts == 4 || i + 1 == to) {
                    return -1;
                }
                i++;
            }
        }
        return parts == 4 ? addr : -1;
    }

    /** The eight 16-bit groups of IPv6 text, or null. */
    private static int[] ipv6(String s) {
        int[] g = new int[8];
        int n = 0;
        int gap = -1; // index in g where "::" stands
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < len) {
            if (n == 8) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < len && i - start < 5 && hex(s.charAt(i)) >= 0) {
                v = v << 4 | hex(s.charAt(i));
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                // an embedded IPv4 address ends the text and fills two groups
                long v4 = n <= 6 ? ipv4(s, start, len) : -1;
                if (v4 < 0) {
                    return null;
                }
                g[n++] = (int) (v4 >>> 16);
                g[n++] = (int) (v4 & 0xffff);
                i = len;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            g[n++] = v;
            if (i == len) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < len && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
            } else if (i == len) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0) {
            return n == 8 ? g : null;
        }
        if (n == 8) {
            return null; // "::" must stand for at least one group
        }
        int[] out = new int[8];
        System.arraycopy(g, 0, out, 0, gap);
        System.arraycopy(g, gap, out, 8 - (n - gap), n - gap);
        return out;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String format(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::"
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
