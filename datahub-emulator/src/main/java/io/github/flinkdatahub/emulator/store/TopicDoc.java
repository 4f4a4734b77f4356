package io.github.flinkdatahub.emulator.store;

import java.util.ArrayList;
import java.util.List;

/** A stored topic with its shards (kept together so a split or merge is one atomic update). */
public final class TopicDoc {
    public String project;
    public String name;

    /** TUPLE or BLOB. */
    public String recordType;

    /** The schema JSON text of a tuple topic; null for blob topics. */
    public String recordSchema;

    public int lifecycle;
    public String comment;
    public String creator;
    public String expandMode = "";
    public long createTime;
    public long lastModifyTime;
    public int nextShardId;
    public List<ShardDoc> shards = new ArrayList<>();

    /** Registered schema versions; version 0 is the schema the topic was created with. */
    public List<SchemaVersionDoc> schemaVersions = new ArrayList<>();

    /** One registered schema version. */
    public static final class SchemaVersionDoc {
        public int versionId;
        public String recordSchema;
        public long createTime;
        public String creator;
    }

    public ShardDoc shard(String shardId) {
        for (ShardDoc s : shards) {
            if (s.shardId.equals(shardId)) {
                return s;
            }
        }
        return null;
    }
}
