package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.Shard;

import java.util.List;

/** All shards of a topic, closed ones included. */
@PublicEvolving
public final class ListShardResult {
    private final List<Shard> shards;
    private final String protocol;
    private final long interval;

    public ListShardResult(List<Shard> shards, String protocol, long interval) {
        this.shards = shards == null ? List.of() : List.copyOf(shards);
        this.protocol = protocol;
        this.interval = interval;
    }

    public List<Shard> getShards() {
        return shards;
    }

    /** HTTP protocol hint of the service, e.g. {@code http1.1}. */
    public String getProtocol() {
        return protocol;
    }

    public long getInterval() {
        return interval;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListShardResult)) {
            return false;
        }
        ListShardResult r = (ListShardResult) o;
        return java.util.Objects.equals(shards, r.shards)
                && java.util.Objects.equals(protocol, r.protocol)
                && interval == r.interval;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(shards, protocol, interval);
    }

    @Override
    public String toString() {
        return "ListShardResult{shards="
                + shards
                + ", protocol="
                + protocol
                + ", interval="
                + interval
                + '}';
    }
}
