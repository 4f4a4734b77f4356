package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * An offset with the subscription's reset counter. A commit carrying an older version fails once
 * the offset was reset; fetch the offset again to continue.
 */
@PublicEvolving
public class OffsetWithVersion extends OffsetBase {
    private final long version;

    public OffsetWithVersion(long sequence, long timestamp, long version) {
        this(sequence, timestamp, 0, version);
    }

    public OffsetWithVersion(long sequence, long timestamp, int batchIndex, long version) {
        super(sequence, timestamp, batchIndex);
        this.version = version;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && version == ((OffsetWithVersion) o).version;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    String fieldsToString() {
        return ", version=" + version;
    }
}
