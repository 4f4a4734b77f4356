package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.Locale;

/**
 * How a topic's records look: record type, current schema (TUPLE only) and the id of the registered
 * schema version equal to it (written into the batch blobs the emulator builds). Immutable.
 */
public final class TopicFormat {
    private final RecordType type;
    private final RecordSchema schema;
    private final int schemaVersion;

    private TopicFormat(RecordType type, RecordSchema schema, int schemaVersion) {
        this.type = type;
        this.schema = schema;
        this.schemaVersion = schemaVersion;
    }

    public static TopicFormat of(TopicDoc t) {
        RecordType type = recordType(t.recordType);
        if (type == RecordType.BLOB) {
            return new TopicFormat(type, null, -1);
        }
        RecordSchema schema = RecordSchema.fromJsonString(t.recordSchema);
        int version = 0;
        for (TopicDoc.SchemaVersionDoc v : t.schemaVersions) {
            if (RecordSchema.fromJsonString(v.recordSchema).equals(schema)) {
                version = v.versionId;
                break;
            }
        }
        return new TopicFormat(type, schema, version);
    }

    /** A {@code RecordType} in any case; the service's InvalidParameter for any other value. */
    public static RecordType recordType(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (RecordType t : RecordType.values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw ErrorCode.INVALID_PARAMETER.exception("RecordType must be TUPLE or BLOB.");
    }

    public RecordType type() {
        return type;
    }

    /** Null for BLOB topics. */
    public RecordSchema schema() {
        return schema;
    }

    /** Schema version id for TUPLE records in batch blobs; -1 for BLOB topics. */
    public int schemaVersion() {
        return schemaVersion;
    }
}
