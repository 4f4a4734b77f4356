package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;

import java.util.Objects;

/** A topic's description: record type and schema, shard count, lifecycle (days), comment, times. */
@PublicEvolving
public final class GetTopicResult {
    private final String projectName;
    private final String topicName;
    private final int shardCount;
    private final int lifeCycle;
    private final RecordType recordType;
    private final RecordSchema recordSchema;
    private final String comment;
    private final long createTime;
    private final long lastModifyTime;
    private final ExpandMode expandMode;
    private final String creator;

    public GetTopicResult(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            RecordType recordType,
            RecordSchema recordSchema,
            String comment,
            long createTime,
            long lastModifyTime,
            ExpandMode expandMode,
            String creator) {
        this.projectName = projectName;
        this.topicName = topicName;
        this.shardCount = shardCount;
        this.lifeCycle = lifeCycle;
        this.recordType = recordType;
        this.recordSchema = recordSchema;
        this.comment = comment;
        this.createTime = createTime;
        this.lastModifyTime = lastModifyTime;
        this.expandMode = expandMode;
        this.creator = creator;
    }

    public String getProjectName() {
        return projectName;
    }

    public String getTopicName() {
        return topicName;
    }

    public int getShardCount() {
        return shardCount;
    }

    /** Days records are kept. */
    public int getLifeCycle() {
        return lifeCycle;
    }

    public RecordType getRecordType() {
        return recordType;
    }

    /** The schema of a tuple topic; null for blob topics. */
    public RecordSchema getRecordSchema() {
        return recordSchema;
    }

    public String getComment() {
        return comment;
    }

    public long getCreateTime() {
        return createTime;
    }

    public long getLastModifyTime() {
        return lastModifyTime;
    }

    public ExpandMode getExpandMode() {
        return expandMode;
    }

    public String getCreator() {
        return creator;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetTopicResult)) {
            return false;
        }
        GetTopicResult r = (GetTopicResult) o;
        return shardCount == r.shardCount
                && lifeCycle == r.lifeCycle
                && createTime == r.createTime
                && lastModifyTime == r.lastModifyTime
                && Objects.equals(projectName, r.projectName)
                && Objects.equals(topicName, r.topicName)
                && recordType == r.recordType
                && Objects.equals(recordSchema, r.recordSchema)
                && Objects.equals(comment, r.comment)
                && expandMode == r.expandMode
                && Objects.equals(creator, r.creator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                projectName, topicName, shardCount, lifeCycle, recordType, recordSchema, comment);
    }

    @Override
    public String toString() {
        return "GetTopicResult{project="
                + projectName
                + ", topic="
                + topicName
                + ", recordType="
                + recordType
                + ", shardCount="
                + shardCount
                + ", lifeCycle="
                + lifeCycle
                + ", schema="
                + recordSchema
                + ", comment="
                + comment
                + ", createTime="
                + createTime
                + ", lastModifyTime="
                + lastModifyTime
                + '}';
    }
}
