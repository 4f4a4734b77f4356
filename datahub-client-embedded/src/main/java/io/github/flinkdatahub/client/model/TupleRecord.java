package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A record of a tuple topic: one value per schema field, each of the field type's Java class (see
 * {@link FieldType}). Values are checked when the record is built: type, range, and null in a NOT
 * NULL field all fail with an {@link
 * io.github.flinkdatahub.client.exception.InvalidParameterException} naming the field.
 */
@PublicEvolving
public final class TupleRecord extends Record {
    private final RecordSchema schema;
    private final Object[] values;
    private final int writtenFieldCount;

    private TupleRecord(Builder b) {
        super(b);
        this.schema = b.schema;
        this.values = b.values.clone();
        this.writtenFieldCount = b.writtenFieldCount;
    }

    /** A record with {@code values} in schema order. */
    public static TupleRecord of(RecordSchema schema, Object... values) {
        return builder(schema).values(values).build();
    }

    public static Builder builder(RecordSchema schema) {
        return new Builder(schema);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public RecordType getRecordType() {
        return RecordType.TUPLE;
    }

    public RecordSchema getSchema() {
        return schema;
    }

    public Object getValue(int index) {
        return values[index];
    }

    public Object getValue(String fieldName) {
        return values[indexOf(fieldName)];
    }

    public boolean hasField(String fieldName) {
        return schema.containsField(fieldName);
    }

    /**
     * How many of the schema's fields the record carried when it was read: fewer than {@link
     * RecordSchema#size()} for a record written before fields were appended to the topic (the
     * fields from this index on read as null because the record has no value for them, not because
     * a null was written). The schema's size for records built here or read whole.
     */
    public int getWrittenFieldCount() {
        return writtenFieldCount;
    }

    /** The values in schema order (unmodifiable). */
    public List<Object> getValues() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private int indexOf(String fieldName) {
        int i = schema.indexOf(fieldName);
        Validation.check(i >= 0, "No field '" + fieldName + "' in schema " + schema);
        return i;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TupleRecord)) {
            return false;
        }
        TupleRecord r = (TupleRecord) o;
        return schema.equals(r.schema)
                && Arrays.equals(values, r.values)
                && writtenFieldCount == r.writtenFieldCount
                && getAttributes().equals(r.getAttributes());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + getAttributes().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TupleRecord{");
        if (getSequence() >= 0) {
            sb.append("shard=")
                    .append(getShardId())
                    .append(", sequence=")
                    .append(getSequence())
                    .append(", ");
        }
        sb.append("values=").append(Arrays.toString(values));
        if (writtenFieldCount < values.length) {
            sb.append(", writtenFieldCount=").append(writtenFieldCount);
        }
        if (!getAttributes().isEmpty()) {
            sb.append(", attributes=").append(getAttributes());
        }
        return sb.append('}').toString();
    }

    /** Builds a {@link TupleRecord}; unset values are null. */
    @PublicEvolving
    public static final class Builder extends Record.Builder<Builder> {
        private final RecordSchema schema;
        private final Object[] values;
        private int writtenFieldCount;

        private Builder(RecordSchema schema) {
            this.schema = Validation.notNull(schema, "schema");
            this.values = new Object[schema.size()];
            this.writtenFieldCount = values.length;
        }

        private Builder(TupleRecord r) {
            super(r);
            this.schema = r.schema;
            this.values = r.values.clone();
            this.writtenFieldCount = r.writtenFieldCount;
        }

        /**
         * For records read back: the record carried values for the first {@code count} fields only
         * (it was written before the others were appended); see {@link
         * TupleRecord#getWrittenFieldCount()}.
         */
        public Builder writtenFieldCount(int count) {
            if (count < 0 || count > values.length) {
                throw Validation.invalid(
                        "writtenFieldCount must be between 0 and the schema's "
                                + values.length
                                + " fields, got "
                                + count);
            }
            this.writtenFieldCount = count;
            return this;
        }

        public Builder set(int index, Object value) {
            // Called per field of every record built or read back: build the message only on
            // failure.
            if (index < 0 || index >= values.length) {
                throw Validation.invalid(
                        "Field index "
                                + index
                                + " is outside the schema's "
                                + values.length
                                + " fields");
            }
            Field f = schema.getField(index);
            values[index] = f.getType().normalize(value, f.getName());
            return this;
        }

        public Builder set(String fieldName, Object value) {
            int i = schema.indexOf(fieldName);
            Validation.check(i >= 0, "No field '" + fieldName + "' in schema " + schema);
            return set(i, value);
        }

        /** All values in schema order. */
        public Builder values(Object... values) {
            Validation.notNull(values, "values");
            Validation.check(
                    values.length == this.values.length,
                    "The schema has "
                            + this.values.length
                            + " fields but "
                            + values.length
                            + " values were given");
            for (int i = 0; i < values.length; i++) {
                set(i, values[i]);
            }
            return this;
        }

        public Builder values(List<?> values) {
            return values(Validation.notNull(values, "values").toArray());
        }

        public TupleRecord build() {
            for (int i = 0; i < values.length; i++) {
                Field f = schema.getField(i);
                if (values[i] == null && !f.isAllowNull()) {
                    throw Validation.invalid(
                            "Field '" + f.getName() + "' is NOT NULL but no value was set");
                }
            }
            return new TupleRecord(this);
        }

        /** Builds without the NOT NULL check: for records read back from the service. */
        public TupleRecord buildUnchecked() {
            return new TupleRecord(this);
        }
    }
}
