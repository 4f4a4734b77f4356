package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How the sink spreads records over a topic's shards. A record whose serializer already set a shard
 * id, hash key or partition key keeps that routing; the others are routed here:
 *
 * <ul>
 *   <li>{@link #byKeyFields} puts a 128-bit hash key on each record, the MD5 of the key fields'
 *       text; the service writes it to the shard whose hash-key range holds the key. Equal keys
 *       land on one shard, and stay correct across splits and merges without the sink knowing about
 *       them.
 *   <li>{@link #toShard} writes to one shard. When a split or merge closes it, records follow the
 *       open shard holding the start of the closed shard's hash-key range (the left child after a
 *       split, the merged shard after a merge), so the records stay together on one shard.
 *   <li>{@link #roundRobin} (the default) sends each request to the next ACTIVE shard.
 * </ul>
 */
@PublicEvolving
public interface DataHubRouting extends Serializable {

    /** Routes by the values of these fields of a tuple topic (names ignore case). */
    static DataHubRouting byKeyFields(String... fields) {
        return byKeyFields(Arrays.asList(fields));
    }

    static DataHubRouting byKeyFields(List<String> fields) {
        Preconditions.checkArgument(
                fields != null && !fields.isEmpty(), "Key routing needs at least one field");
        for (String f : fields) {
            Preconditions.checkArgument(
                    f != null && !f.isBlank(), "Key field names must not be empty: %s", fields);
        }
        return new KeyFieldsRouting(fields);
    }

    /** Writes to this shard (a decimal shard id such as "0"). */
    static DataHubRouting toShard(String shardId) {
        Preconditions.checkArgument(
                shardId != null && shardId.matches("[0-9]+"),
                "A shard id is a decimal number such as \"0\", got '%s'",
                shardId);
        return new ShardIdRouting(shardId);
    }

    /** Sends each request to the next ACTIVE shard, re-reading the shard list now and then. */
    static DataHubRouting roundRobin() {
        return RoundRobinRouting.INSTANCE;
    }

    /** Called once per writer after the topic's schema and shards were read. */
    RecordRouter open(RoutingContext context);
}
