package io.github.flinkdatahub.connector.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubConnectorOptions.LengthCheck;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How tuple values convert to and from rows: the zone of TIMESTAMP columns, what a record without a
 * column's field does, and whether conversion errors show the value. Immutable; travels with the
 * (de)serializers. The options are {@link DataHubConnectorOptions#TIMESTAMP_TIME_ZONE}, {@link
 * DataHubConnectorOptions#SCAN_LENGTH_CHECK} and {@link
 * DataHubConnectorOptions#SCAN_COLUMN_ERROR_DEBUG}.
 */
@PublicEvolving
public final class TupleConversion implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final TupleConversion DEFAULTS =
            new TupleConversion(ZoneOffset.UTC, LengthCheck.PAD, false);

    private final ZoneId timeZone;
    private final LengthCheck lengthCheck;
    private final boolean columnErrorDebug;

    private TupleConversion(ZoneId timeZone, LengthCheck lengthCheck, boolean columnErrorDebug) {
        this.timeZone = Preconditions.checkNotNull(timeZone, "timeZone");
        this.lengthCheck = Preconditions.checkNotNull(lengthCheck, "lengthCheck");
        this.columnErrorDebug = columnErrorDebug;
    }

    /** UTC, PAD, no values in errors: the behaviour without options. */
    public static TupleConversion defaults() {
        return DEFAULTS;
    }

    public TupleConversion withTimeZone(ZoneId zone) {
        return new TupleConversion(zone, lengthCheck, columnErrorDebug);
    }

    public TupleConversion withLengthCheck(LengthCheck check) {
        return new TupleConversion(timeZone, check, columnErrorDebug);
    }

    public TupleConversion withColumnErrorDebug(boolean debug) {
        return new TupleConversion(timeZone, lengthCheck, debug);
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    /** Whether TIMESTAMP columns are wall-clock time in UTC (no zone arithmetic needed). */
    public boolean isUtc() {
        return timeZone.normalized().equals(ZoneOffset.UTC);
    }

    public LengthCheck lengthCheck() {
        return lengthCheck;
    }

    public boolean columnErrorDebug() {
        return columnErrorDebug;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TupleConversion)) {
            return false;
        }
        TupleConversion c = (TupleConversion) o;
        return timeZone.equals(c.timeZone)
                && lengthCheck == c.lengthCheck
                && columnErrorDebug == c.columnErrorDebug;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeZone, lengthCheck, columnErrorDebug);
    }

    @Override
    public String toString() {
        return "TupleConversion{timeZone="
                + timeZone
                + ", lengthCheck="
                + lengthCheck
                + ", columnErrorDebug="
                + columnErrorDebug
                + '}';
    }
}
