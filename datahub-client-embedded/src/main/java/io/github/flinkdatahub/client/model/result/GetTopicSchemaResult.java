package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.RecordSchema;

/** One registered version of a topic's schema. */
@PublicEvolving
public final class GetTopicSchemaResult {
    private final int versionId;
    private final long createTime;
    private final String creator;
    private final RecordSchema recordSchema;

    public GetTopicSchemaResult(
            int versionId, long createTime, String creator, RecordSchema recordSchema) {
        this.versionId = versionId;
        this.createTime = createTime;
        this.creator = creator;
        this.recordSchema = recordSchema;
    }

    public int getVersionId() {
        return versionId;
    }

    public long getCreateTime() {
        return createTime;
    }

    public String getCreator() {
        return creator;
    }

    public RecordSchema getRecordSchema() {
        return recordSchema;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetTopicSchemaResult)) {
            return false;
        }
        GetTopicSchemaResult r = (GetTopicSchemaResult) o;
        return versionId == r.versionId
                && createTime == r.createTime
                && java.util.Objects.equals(creator, r.creator)
                && java.util.Objects.equals(recordSchema, r.recordSchema);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(versionId, createTime, creator, recordSchema);
    }

    @Override
    public String toString() {
        return "GetTopicSchemaResult{versionId="
                + versionId
                + ", createTime="
                + createTime
                + ", creator="
                + creator
                + ", recordSchema="
                + recordSchema
                + '}';
    }
}
