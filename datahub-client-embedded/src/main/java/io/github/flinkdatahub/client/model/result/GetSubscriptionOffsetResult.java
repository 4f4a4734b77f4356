package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Committed offsets per shard id, read without opening a session (so they cannot be committed as
 * is).
 */
@PublicEvolving
public final class GetSubscriptionOffsetResult {
    private final Map<String, OffsetWithVersion> offsets;

    public GetSubscriptionOffsetResult(Map<String, OffsetWithVersion> offsets) {
        this.offsets =
                offsets == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    public Map<String, OffsetWithVersion> getOffsets() {
        return offsets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetSubscriptionOffsetResult
                && offsets.equals(((GetSubscriptionOffsetResult) o).offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return "GetSubscriptionOffsetResult{offsets=" + offsets + '}';
    }
}
