package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Record;

/** Round-robin: each put goes to the next ACTIVE shard. */
@Internal
final class RoundRobinRouting implements DataHubRouting {
    private static final long serialVersionUID = 1L;

    static final RoundRobinRouting INSTANCE = new RoundRobinRouting();

    private RoundRobinRouting() {}

    @Override
    public RecordRouter open(RoutingContext context) {
        ShardTable shards = context.getShards();
        return new RecordRouter() {
            @Override
            public Record prepare(Record record) {
                return record;
            }

            @Override
            public boolean routedByService() {
                return false;
            }

            @Override
            public boolean keepsShardOrder() {
                return false;
            }

            @Override
            public String shardForNextRequest() {
                shards.refreshIfDue();
                return shards.nextActiveShard();
            }
        };
    }

    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "roundRobin";
    }
}
