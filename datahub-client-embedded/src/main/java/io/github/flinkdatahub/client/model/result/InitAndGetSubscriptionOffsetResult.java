package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The offsets of the shards just opened, per shard id, each carrying the new session id to commit
 * with.
 */
@PublicEvolving
public final class InitAndGetSubscriptionOffsetResult {
    private final Map<String, OffsetWithSession> offsets;

    public InitAndGetSubscriptionOffsetResult(Map<String, OffsetWithSession> offsets) {
        this.offsets =
                offsets == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    public Map<String, OffsetWithSession> getOffsets() {
        return offsets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitAndGetSubscriptionOffsetResult
                && offsets.equals(((InitAndGetSubscriptionOffsetResult) o).offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return "InitAndGetSubscriptionOffsetResult{offsets=" + offsets + '}';
    }
}
