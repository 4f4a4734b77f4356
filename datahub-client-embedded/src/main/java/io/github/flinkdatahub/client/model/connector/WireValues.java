package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.exception.Validation;

import java.util.StringJoiner;
import java.util.function.Function;

/** Case-insensitive lookup of an enum constant by its wire value, shared by the connector enums. */
final class WireValues {
    private WireValues() {}

    /**
     * Returns null for null; fails with an error that lists the accepted values for anything
     * unknown.
     */
    static <E extends Enum<E>> E parse(
            E[] values, Function<E, String> wireValue, String value, String what) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        StringJoiner accepted = new StringJoiner(", ");
        for (E e : values) {
            String w = wireValue.apply(e);
            if (w.equalsIgnoreCase(v) || e.name().equalsIgnoreCase(v)) {
                return e;
            }
            accepted.add(w);
        }
        throw Validation.invalid("Unknown " + what + " \"" + value + "\"; use one of " + accepted);
    }

    /** Renders a secret for toString(): whether it is set, never its value. */
    static String mask(String secret) {
        return secret == null ? "null" : "***";
    }
}
