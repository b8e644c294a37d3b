package io.tracefill.serdes.otlp;

import java.util.Locale;
import java.util.Set;

/**
 * The operation and main table of a SQL statement, for span names like {@code "MySQL SELECT
 * orders"} (low-cardinality, as the database semantic conventions ask), read with a small scanner
 * rather than a parser: leading comments are skipped, the first word must be a known SQL verb, and
 * the table is the identifier after {@code FROM}, {@code INTO}, {@code UPDATE} or {@code TABLE}.
 * Anything it does not recognise gives no summary, and the caller falls back to the request type.
 *
 * @param operation the verb, upper case ({@code SELECT})
 * @param table     the table as written, without quotes, or null
 */
record SqlSummary(String operation, String table) {
    private static final Set<String> VERBS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE",
            "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "SET",
            "SHOW", "USE", "CALL", "EXEC", "EXECUTE", "WITH", "EXPLAIN", "DESC", "DESCRIBE", "GRANT", "REVOKE", "LOCK",
            "UNLOCK", "PREPARE", "DEALLOCATE", "ANALYZE", "VACUUM", "COPY", "LISTEN", "NOTIFY", "FETCH", "DECLARE");
    private static final int MAX_TABLE = 64;

    /** The summary of a statement, or null when it does not start with a known verb. */
    static SqlSummary of(String sql) {
        if (sql == null || sql.isEmpty()) {
            return null;
        }
        Scanner s = new Scanner(sql);
        String verb = s.word();
        if (verb == null) {
            return null;
        }
        verb = verb.toUpperCase(Locale.ROOT);
        if (!VERBS.contains(verb)) {
            return null;
        }
        String marker = switch (verb) {
            case "SELECT", "DELETE" -> "FROM";
            case "INSERT", "REPLACE", "MERGE", "UPSERT" -> "INTO";
            case "UPDATE" -> "";
            case "CREATE", "DROP", "ALTER", "TRUNCATE" -> "TABLE";
            default -> null;
        };
        String table = null;
        if (marker != null && marker.isEmpty()) {
            table = s.identifier();
        } else if (marker != null) {
            // bounded: a long statement without the marker costs one pass, never more
            for (String w = s.word(); w != null; w = s.word()) {
                if (w.equalsIgnoreCase(marker)) {
                    s.skipIfExists();
                    table = s.identifier();
                    break;
                }
            }
        }
        return new SqlSummary(verb, table);
    }

    /** {@code "SELECT orders"}, or the verb alone. */
    String text() {
        return table == null ? operation : operation + " " + table;
    }

    /** Words and identifiers of a statement, skipping white space, comments and other symbols. */
    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        /** The next word of letters, digits and underscores, or null at the end. */
        String word() {
            skipToWord();
            if (i >= s.length()) {
                return null;
            }
            int from = i;
            while (i < s.length() && isWordChar(s.charAt(i))) {
                i++;
            }
            return s.substring(from, i);
        }

        /** The next identifier, possibly qualified ({@code db.t}) and quoted, without its quotes. */
        String identifier() {
            skipSpaceAndComments();
            StringBuilder out = new StringBuilder();
            while (i < s.length() && out.length() <= MAX_TABLE) {
                char c = s.charAt(i);
                if (isWordChar(c) || c == '.' || c == '$') {
                    out.append(c);
                    i++;
                } else if (c == '`' || c == '"' || c == '[' || c == ']') {
                    i++;
                } else {
                    break;
                }
            }
            return out.length() == 0 || out.length() > MAX_TABLE ? null : out.toString();
        }

        /** Skips {@code IF EXISTS} / {@code IF NOT EXISTS} before a table name, if it is there. */
        void skipIfExists() {
            int mark = i;
            String w = word();
            if (w != null && w.equalsIgnoreCase("IF")) {
                for (int k = 0; k < 2 && w != null && !w.equalsIgnoreCase("EXISTS"); k++) {
                    w = word();
                }
                if (w != null && w.equalsIgnoreCase("EXISTS")) {
                    return;
                }
            }
            i = mark;
        }

        private void skipToWord() {
            while (i < s.length()) {
                skipSpaceAndComments();
                if (i < s.length() && !isWordChar(s.charAt(i))) {
                    char c = s.charAt(i);
                    if (c == '\'') {
                        skipQuoted();
                    } else {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private void skipQuoted() {
            i++;
            while (i < s.length() && s.charAt(i) != '\'') {
                i++;
            }
            i++;
        }

        private void skipSpaceAndComments() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else if (s.startsWith("--", i) || c == '#') {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end + 1;
                } else {
                    return;
                }
            }
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }
}
