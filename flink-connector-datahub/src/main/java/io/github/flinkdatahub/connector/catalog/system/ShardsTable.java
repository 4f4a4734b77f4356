package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Shard;

import java.util.ArrayList;
import java.util.List;

import static io.github.flinkdatahub.connector.catalog.system.SystemTables.string;

/** {@code topic$shards}: every shard, closed ones included, with range and lineage. */
@Internal
final class ShardsTable implements SystemTable {
    private static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("shard_id", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("state", DataTypes.STRING()),
                    DataTypes.FIELD("begin_hash_key", DataTypes.STRING()),
                    DataTypes.FIELD("end_hash_key", DataTypes.STRING()),
                    DataTypes.FIELD("parent_shard_ids", DataTypes.ARRAY(DataTypes.STRING())),
                    DataTypes.FIELD("left_shard_id", DataTypes.STRING()),
                    DataTypes.FIELD("right_shard_id", DataTypes.STRING()),
                    DataTypes.FIELD("create_time", DataTypes.BIGINT()),
                    DataTypes.FIELD("closed_time", DataTypes.BIGINT()));

    @Override
    public String name() {
        return "shards";
    }

    @Override
    public DataType rowType() {
        return ROW;
    }

    @Override
    public List<RowData> read(DataHubClient client, String project, String topic) {
        List<RowData> rows = new ArrayList<>();
        for (Shard shard : client.listShard(project, topic).getShards()) {
            Object[] parents =
                    shard.getParentShardIds().stream().map(SystemTables::string).toArray();
            rows.add(
                    GenericRowData.of(
                            string(shard.getShardId()),
                            string(shard.getState()),
                            string(shard.getBeginHashKey()),
                            string(shard.getEndHashKey()),
                            new GenericArrayData(parents),
                            string(shard.getLeftShardId()),
                            string(shard.getRightShardId()),
                            shard.getCreateTime() > 0 ? shard.getCreateTime() : null,
                            shard.getClosedTime() > 0 ? shard.getClosedTime() : null));
        }
        return rows;
    }
}
