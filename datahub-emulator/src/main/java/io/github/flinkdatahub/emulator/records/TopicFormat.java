package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a topic's records look: record type, current schema (TUPLE only) and the registered schema
 * versions (named in the batch blobs the emulator builds, and used to read the blobs of writers
 * that name a version). Immutable.
 */
public final class TopicFormat {
    private final RecordType type;
    private final RecordSchema schema;
    private final Map<Integer, RecordSchema> versions;

    private TopicFormat(RecordType type, RecordSchema schema, Map<Integer, RecordSchema> versions) {
        this.type = type;
        this.schema = schema;
        this.versions = versions;
    }

    public static TopicFormat of(TopicDoc t) {
        RecordType type = recordType(t.recordType);
        if (type == RecordType.BLOB) {
            return new TopicFormat(type, null, Map.of());
        }
        Map<Integer, RecordSchema> versions = new TreeMap<>();
        for (TopicDoc.SchemaVersionDoc v : t.schemaVersions) {
            versions.put(v.versionId, RecordSchema.fromJsonString(v.recordSchema));
        }
        return new TopicFormat(type, RecordSchema.fromJsonString(t.recordSchema), versions);
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

    /**
     * The id of the registered version that is the shape {@code r} was written with (its schema's
     * first {@link TupleRecord#getWrittenFieldCount()} fields); 0 when none is.
     */
    public int schemaVersion(TupleRecord r) {
        List<Field> fields = r.getSchema().getFields();
        RecordSchema shape =
                r.getWrittenFieldCount() == fields.size()
                        ? r.getSchema()
                        : RecordSchema.of(fields.subList(0, r.getWrittenFieldCount()));
        for (Map.Entry<Integer, RecordSchema> v : versions.entrySet()) {
            if (v.getValue().equals(shape)) {
                return v.getKey();
            }
        }
        return 0;
    }

    /**
     * The schema a batch writer's record names by {@code version}, null for the topic's current
     * schema: writers without a schema registry send version 0 whatever the topic's schema is, so 0
     * (and an unknown version) means the current schema; the record's fieldCount slot then tells an
     * older record's shape.
     */
    public RecordSchema schemaOfVersion(int version) {
        return version > 0 ? versions.get(version) : null;
    }
}
