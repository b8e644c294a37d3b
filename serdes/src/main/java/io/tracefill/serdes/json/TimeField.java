package io.tracefill.serdes.json;

/**
 * A time key as read, checked only once the record is complete: a querier row may carry both
 * {@code start_time_us} (µs) and a {@code start_time} of another form, and only the key that is
 * used must be valid.
 */
final class TimeField {
    /** Latest accepted instant: 2300-01-01T00:00:00Z in µs. Later values are ns or garbage. */
    static final long MAX_US = 10_413_792_000L * 1_000_000L;

    final String key;
    private final long value;
    private final DecodeException problem;

    private TimeField(String key, long value, DecodeException problem) {
        this.key = key;
        this.value = value;
        this.problem = problem;
    }

    static TimeField read(JsonCursor c, int kind, String key) throws DecodeException {
        if (kind != JsonCursor.NUMBER) {
            c.skip(); // the record is read on: another key may make this one irrelevant
            return new TimeField(key, 0, CursorValues.wrongType(key, "an integer", kind));
        }
        c.number(); // a syntax error is the record's, whichever time key is used
        try {
            return new TimeField(key, CursorValues.checkedInteger(c, key, Long.MIN_VALUE, Long.MAX_VALUE), null);
        } catch (DecodeException e) {
            return new TimeField(key, 0, e);
        }
    }

    /** The time in µs: an integer, not negative, not after the year 2300. */
    long microseconds() throws DecodeException {
        if (problem != null) {
            throw problem;
        }
        if (value < 0) {
            throw new DecodeException(key, "must not be negative, got " + value);
        }
        if (value > MAX_US) {
            throw new DecodeException(key, value + " is after the year 2300 in microseconds"
                    + " (nanoseconds instead of microseconds?)");
        }
        return value;
    }
}
