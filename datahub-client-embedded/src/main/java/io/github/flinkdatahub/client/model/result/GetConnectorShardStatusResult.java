package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A connector's status per shard id (one entry when a single shard was asked for). */
@PublicEvolving
public final class GetConnectorShardStatusResult {
    private final Map<String, ShardStatusEntry> shardStatusInfos;

    public GetConnectorShardStatusResult(Map<String, ShardStatusEntry> shardStatusInfos) {
        this.shardStatusInfos =
                shardStatusInfos == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(shardStatusInfos));
    }

    public Map<String, ShardStatusEntry> getShardStatusInfos() {
        return shardStatusInfos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetConnectorShardStatusResult
                && shardStatusInfos.equals(((GetConnectorShardStatusResult) o).shardStatusInfos);
    }

    @Override
    public int hashCode() {
        return shardStatusInfos.hashCode();
    }

    @Override
    public String toString() {
        return "GetConnectorShardStatusResult{shardStatusInfos=" + shardStatusInfos + '}';
    }
}
