package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.model.Record;

import java.util.HashMap;
import java.util.Map;

/**
 * Metadata columns a DataHub table can read. The planner casts each to the declared column type, so
 * the hosted connector's declarations ({@code shard-id BIGINT}, {@code sequence STRING}, {@code
 * system-time TIMESTAMP}) work as well as the types listed here.
 */
@Internal
enum ReadableMetadata {
    SHARD_ID("shard-id", DataTypes.STRING().notNull()) {
        @Override
        Object read(Record record) {
            return StringData.fromString(record.getShardId());
        }
    },
    SEQUENCE("sequence", DataTypes.BIGINT().notNull()) {
        @Override
        Object read(Record record) {
            return record.getSequence();
        }
    },
    SYSTEM_TIME("system-time", DataTypes.TIMESTAMP_LTZ(3).notNull()) {
        @Override
        Object read(Record record) {
            return TimestampData.fromEpochMillis(record.getSystemTime());
        }
    },
    ATTRIBUTES(
            "attributes",
            DataTypes.MAP(DataTypes.STRING().notNull(), DataTypes.STRING()).notNull()) {
        @Override
        Object read(Record record) {
            Map<StringData, StringData> map = new HashMap<>();
            record.getAttributes()
                    .forEach((k, v) -> map.put(StringData.fromString(k), StringData.fromString(v)));
            return new GenericMapData(map);
        }
    };

    final String key;
    final DataType type;

    ReadableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    /** The value in Flink's internal representation. */
    abstract Object read(Record record);

    static ReadableMetadata of(String key) {
        for (ReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown DataHub metadata key " + key);
    }
}
