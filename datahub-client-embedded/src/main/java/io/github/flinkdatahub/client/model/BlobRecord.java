package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Arrays;

/** A record of a blob topic: opaque bytes. */
@PublicEvolving
public final class BlobRecord extends Record {
    private final byte[] data;

    private BlobRecord(Builder b) {
        super(b);
        this.data = b.data;
    }

    public static BlobRecord of(byte[] data) {
        return builder(data).build();
    }

    public static Builder builder(byte[] data) {
        return new Builder(Validation.notNull(data, "blob data").clone());
    }

    /**
     * A builder that takes {@code data} without copying it, for codecs that have just decoded it:
     * the caller must not modify the array afterwards.
     */
    public static Builder builderUnsafe(byte[] data) {
        return new Builder(Validation.notNull(data, "blob data"));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public RecordType getRecordType() {
        return RecordType.BLOB;
    }

    /** A copy of the bytes. */
    public byte[] getData() {
        return data.clone();
    }

    public int getDataLength() {
        return data.length;
    }

    /** The bytes without a copy, for codecs; callers must not modify them. */
    public byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobRecord
                && Arrays.equals(data, ((BlobRecord) o).data)
                && getAttributes().equals(((BlobRecord) o).getAttributes());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + getAttributes().hashCode();
    }

    @Override
    public String toString() {
        return "BlobRecord{"
                + (getSequence() >= 0
                        ? "shard=" + getShardId() + ", sequence=" + getSequence() + ", "
                        : "")
                + data.length
                + " bytes"
                + (getAttributes().isEmpty() ? "" : ", attributes=" + getAttributes())
                + '}';
    }

    /** Builds a {@link BlobRecord}. */
    @PublicEvolving
    public static final class Builder extends Record.Builder<Builder> {
        private final byte[] data;

        private Builder(byte[] data) {
            this.data = data;
        }

        private Builder(BlobRecord r) {
            super(r);
            this.data = r.data;
        }

        public BlobRecord build() {
            return new BlobRecord(this);
        }
    }
}
