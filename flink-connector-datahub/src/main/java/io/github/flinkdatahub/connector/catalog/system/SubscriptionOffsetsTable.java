package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.connector.catalog.system.SystemTables.string;

/**
 * {@code topic$subscription_offsets}: the committed offset of every subscription in every shard,
 * read without opening an offset session (so reading it never disturbs a consumer).
 */
@Internal
final class SubscriptionOffsetsTable implements SystemTable {
    private static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("sub_id", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("shard_id", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("sequence", DataTypes.BIGINT()),
                    DataTypes.FIELD("timestamp", DataTypes.BIGINT()),
                    DataTypes.FIELD("version", DataTypes.BIGINT()));

    @Override
    public String name() {
        return "subscription_offsets";
    }

    @Override
    public DataType rowType() {
        return ROW;
    }

    @Override
    public List<RowData> read(DataHubClient client, String project, String topic) {
        List<String> shardIds =
                client.listShard(project, topic).getShards().stream()
                        .map(Shard::getShardId)
                        .collect(Collectors.toList());
        List<RowData> rows = new ArrayList<>();
        if (shardIds.isEmpty()) {
            return rows;
        }
        for (Subscription s : SubscriptionsTable.all(client, project, topic)) {
            Map<String, OffsetWithVersion> offsets =
                    client.getSubscriptionOffset(project, topic, s.getSubId(), shardIds)
                            .getOffsets();
            for (Map.Entry<String, OffsetWithVersion> e : offsets.entrySet()) {
                OffsetWithVersion offset = e.getValue();
                rows.add(
                        GenericRowData.of(
                                string(s.getSubId()),
                                string(e.getKey()),
                                offset.getSequence(),
                                offset.getTimestamp(),
                                offset.getVersion()));
            }
        }
        return rows;
    }
}
