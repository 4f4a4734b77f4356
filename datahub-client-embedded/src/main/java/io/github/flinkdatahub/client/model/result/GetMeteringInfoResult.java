package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Resource usage of a shard, refreshed hourly by the service. */
@PublicEvolving
public final class GetMeteringInfoResult {
    private final long activeTime;
    private final long storage;

    public GetMeteringInfoResult(long activeTime, long storage) {
        this.activeTime = activeTime;
        this.storage = storage;
    }

    /** Time the shard has been active, in seconds. */
    public long getActiveTime() {
        return activeTime;
    }

    /** Stored bytes. */
    public long getStorage() {
        return storage;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetMeteringInfoResult)) {
            return false;
        }
        GetMeteringInfoResult r = (GetMeteringInfoResult) o;
        return activeTime == r.activeTime && storage == r.storage;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(activeTime, storage);
    }

    @Override
    public String toString() {
        return "GetMeteringInfoResult{activeTime=" + activeTime + ", storage=" + storage + '}';
    }
}
