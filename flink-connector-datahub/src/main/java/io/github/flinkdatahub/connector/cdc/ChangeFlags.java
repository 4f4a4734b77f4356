package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.Internal;
import org.apache.flink.types.RowKind;

import javax.annotation.Nullable;

/**
 * A change record's operation and before/after flags and the Flink row kind they stand for: an
 * insert is one record (I, N, Y), a delete one (D, Y, N), an update two (U, Y, N: the old row, then
 * U, N, Y: the new row). DTS and DataWorks agree on these.
 */
@Internal
public enum ChangeFlags {
    INSERT("I", "N", "Y", RowKind.INSERT),
    UPDATE_BEFORE("U", "Y", "N", RowKind.UPDATE_BEFORE),
    UPDATE_AFTER("U", "N", "Y", RowKind.UPDATE_AFTER),
    DELETE("D", "Y", "N", RowKind.DELETE);

    /** What a record's flags must be, for error messages. */
    public static final String EXPECTED =
            "I with before N / after Y, U with Y/N (old row) or N/Y (new row), D with Y/N";

    private final String operation;
    private final String before;
    private final String after;
    private final RowKind kind;

    ChangeFlags(String operation, String before, String after, RowKind kind) {
        this.operation = operation;
        this.before = before;
        this.after = after;
        this.kind = kind;
    }

    public String operation() {
        return operation;
    }

    public String beforeFlag() {
        return before;
    }

    public String afterFlag() {
        return after;
    }

    public RowKind kind() {
        return kind;
    }

    /** The change the flags describe (trimmed, any case); null when they make no sense. */
    @Nullable
    public static ChangeFlags parse(
            @Nullable Object operation, @Nullable Object before, @Nullable Object after) {
        if (operation == null || before == null || after == null) {
            return null;
        }
        String op = operation.toString().trim();
        String b = before.toString().trim();
        String a = after.toString().trim();
        for (ChangeFlags f : values()) {
            if (f.operation.equalsIgnoreCase(op)
                    && f.before.equalsIgnoreCase(b)
                    && f.after.equalsIgnoreCase(a)) {
                return f;
            }
        }
        return null;
    }

    public static ChangeFlags of(RowKind kind) {
        for (ChangeFlags f : values()) {
            if (f.kind == kind) {
                return f;
            }
        }
        throw new IllegalArgumentException("No change flags for row kind " + kind);
    }
}
