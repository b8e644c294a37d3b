package io.tracefill.tracing.sort;

import io.tracefill.serdes.model.Flow;
import io.tracefill.serdes.model.TapSide;

import java.util.Objects;

/**
 * A span's derived resource instance (spec §2.5): a numeric instance id, or a name, or the
 * OTel {@code app_instance}. The reference mixes integers and strings here and compares them
 * with Python's {@code ==}, under which {@code 11} and {@code "11"} differ; this type keeps
 * exactly that distinction.
 */
public final class AutoInstance {
    private final Object value; // Long or String

    private AutoInstance(Object value) {
        this.value = value;
    }

    public static AutoInstance ofId(long id) {
        return new AutoInstance(id);
    }

    public static AutoInstance ofName(String name) {
        return new AutoInstance(name == null ? "" : name);
    }

    /** The instance of a span at its tap_side (the reference's {@code _get_auto_instance}). */
    public static AutoInstance of(Flow f) {
        var c = f.client();
        var s = f.server();
        switch (f.tapSide()) {
            case TapSide.SERVER_APP:
                return firstPresent(s.autoInstanceId(), s.autoInstance(), f.appInstance());
            case TapSide.CLIENT_APP:
                return firstPresent(c.autoInstanceId(), c.autoInstance(), f.appInstance());
            case TapSide.APP:
                if (s.autoInstanceId() != 0) {
                    return ofId(s.autoInstanceId());
                }
                if (!s.autoInstance().isEmpty()) {
                    return ofName(s.autoInstance());
                }
                return firstPresent(c.autoInstanceId(), c.autoInstance(), f.appInstance());
            case TapSide.SERVER_PROCESS:
                return ofId(s.autoInstanceId());
            case TapSide.CLIENT_PROCESS:
                return ofId(c.autoInstanceId());
            default:
                return ofName("");
        }
    }

    private static AutoInstance firstPresent(long id, String name, String appInstance) {
        if (id != 0) {
            return ofId(id);
        }
        if (!name.isEmpty()) {
            return ofName(name);
        }
        return ofName(appInstance);
    }

    /** Python truthiness: false for {@code 0} and {@code ""}. */
    public boolean isPresent() {
        return value instanceof Long l ? l != 0 : !((String) value).isEmpty();
    }

    /** True for the integer 0 only (the reference's {@code != 0} test). */
    public boolean isZeroId() {
        return value instanceof Long l && l == 0;
    }

    /** True for the empty string only (the reference's {@code != ""} test). */
    public boolean isEmptyName() {
        return value instanceof String s && s.isEmpty();
    }

    /** True for the strings {@code ""} and {@code "0"} (the host clock rule's exclusion). */
    public boolean isBlankOrZeroString() {
        return value instanceof String s && (s.isEmpty() || s.equals("0"));
    }

    /** Python {@code str()} of the value: group keys are built from it. */
    @Override
    public String toString() {
        return value.toString();
    }

    /** The value itself (Long or String), used as a process span set group key. */
    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoInstance other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
