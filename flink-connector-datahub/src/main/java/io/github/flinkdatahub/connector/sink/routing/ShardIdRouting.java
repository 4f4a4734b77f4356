package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Writes to one configured shard; once it is closed, to the open shard holding the start of its
 * hash-key range (the left child of a split, the result of a merge, and so on down the lineage).
 */
@Internal
final class ShardIdRouting implements DataHubRouting {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardIdRouting.class);

    private final String shardId;

    ShardIdRouting(String shardId) {
        this.shardId = shardId;
    }

    @Override
    public RecordRouter open(RoutingContext context) {
        ShardTable shards = context.getShards();
        Shard configured = shards.find(shardId);
        if (configured == null) {
            throw new IllegalArgumentException(
                    "Shard '"
                            + shardId
                            + "' does not exist in DataHub topic "
                            + context.topicPath()
                            + "; its shards are "
                            + shards.shards().stream()
                                    .map(s -> s.getShardId() + " (" + s.getState() + ")")
                                    .collect(Collectors.toList()));
        }
        return new Router(context.topicPath(), shards, configured);
    }

    @Override
    public String toString() {
        return "toShard(" + shardId + ")";
    }

    private static final class Router implements RecordRouter {
        private final String topicPath;
        private final ShardTable shards;
        private final Shard configured;
        private String current;

        Router(String topicPath, ShardTable shards, Shard configured) {
            this.topicPath = topicPath;
            this.shards = shards;
            this.configured = configured;
            this.current = configured.getShardId();
            if (configured.getState() == ShardState.CLOSED) {
                follow();
            }
        }

        @Override
        public Record prepare(Record record) {
            return record;
        }

        @Override
        public boolean routedByService() {
            return false;
        }

        @Override
        public String shardForNextRequest() {
            shards.refreshIfDue();
            Shard now = shards.find(current);
            if (now == null || now.getState() == ShardState.CLOSED) {
                follow();
            } else if (now.getState() == ShardState.UNKNOWN) {
                // A state newer than this client: neither written to nor followed as closed; the
                // writer retries with a fresh list.
                return null;
            }
            return current;
        }

        @Override
        public void shardClosed(String shardId) {
            // The next shardForNextRequest refreshes the stale list and follows the lineage.
        }

        private void follow() {
            Shard next = shards.openShardHolding(configured.getBeginHashKey());
            if (next != null && !next.getShardId().equals(current)) {
                LOG.info(
                        "Shard {} of DataHub topic {} is closed; writing the records of configured shard {} to"
                                + " shard {} ({}), which holds the start {} of its hash-key range",
                        current,
                        topicPath,
                        configured.getShardId(),
                        next.getShardId(),
                        next.getState(),
                        configured.getBeginHashKey());
                current = next.getShardId();
            }
        }
    }
}
