package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.client.protocol.batch.BatchFormat.*;

/**
 * Writes records as one batch blob (header version 0). The fieldCount slot of each record holds the
 * real field count, as PyDatahub and the service write it (the Java SDK writes 0; readers ignore
 * it). Compression is kept only when it does not enlarge the record area.
 */
@Internal
public final class BatchSerializer {
    private BatchSerializer() {}

    /**
     * @param schema the topic schema for TUPLE (the records' values must have its types), ignored
     *     for BLOB
     * @param schemaVersion the topic-schema version id written into TUPLE records (0 without a
     *     schema registry); BLOB records always get -1
     */
    public static byte[] serialize(
            List<? extends Record> records,
            RecordType type,
            RecordSchema schema,
            CompressFormat compression,
            int schemaVersion) {
        Validation.notNull(type, "record type");
        Validation.notNull(compression, "compression");
        Validation.check(
                type == RecordType.BLOB || schema != null,
                "TUPLE records need the topic's record schema");
        List<byte[]> encoded = new ArrayList<>(records.size());
        int rawSize = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] r =
                    type == RecordType.TUPLE
                            ? tupleRecord(asTuple(records.get(i), i, schema), schema, schemaVersion)
                            : blobRecord(asBlob(records.get(i), i));
            encoded.add(r);
            rawSize += r.length;
        }
        ByteBuffer area = ByteBuffer.allocate(rawSize);
        encoded.forEach(area::put);
        return blob(area.array(), compression, records.size());
    }

    static byte[] blob(byte[] raw, CompressFormat compression, int recordCount) {
        byte[] stored = Compression.compress(compression, raw);
        int code = compressionCode(compression);
        if (stored.length > raw.length) {
            stored = raw;
            code = COMPRESSION_NONE;
        }
        ByteBuffer blob =
                ByteBuffer.allocate(HEADER_SIZE + stored.length)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put(MAGIC)
                        .putInt(VERSION)
                        .putInt(HEADER_SIZE + stored.length)
                        .putInt(raw.length)
                        .putInt(DhubFrame.crc32c(stored, 0, stored.length))
                        .putShort((short) (ATTRIBUTE_ALWAYS_SET | code))
                        .putInt(recordCount)
                        .put(stored);
        return blob.array();
    }

    private static int compressionCode(CompressFormat compression) {
        switch (compression) {
            case NONE:
                return COMPRESSION_NONE;
            case LZ4:
                return COMPRESSION_LZ4;
            case ZLIB:
            case DEFLATE:
                return COMPRESSION_ZLIB;
            default:
                throw new IllegalArgumentException("Unknown compression " + compression);
        }
    }

    private static byte[] tupleRecord(TupleRecord r, RecordSchema schema, int schemaVersion) {
        // A record read back from before an append keeps its shape: only its written fields.
        int fieldCount = Math.min(schema.size(), r.getWrittenFieldCount());
        // Variable-length values are encoded once, up front, to size the record.
        byte[][] bytes = new byte[fieldCount][];
        int varSize = 0;
        for (int i = 0; i < fieldCount; i++) {
            FieldType t = schema.getField(i).getType();
            Object v = r.getValue(i);
            if (v != null && (t == FieldType.STRING || t == FieldType.DECIMAL)) {
                bytes[i] = t.toText(v).getBytes(StandardCharsets.UTF_8);
                varSize += outOfLineSize(bytes[i]);
            }
        }
        ByteBuffer buf = start(r, schemaVersion, fieldCount, varSize);
        int slots = RECORD_FIXED_SIZE + bitmapSize(fieldCount);
        int var = slots + SLOT_SIZE * fieldCount;
        for (int i = 0; i < fieldCount; i++) {
            Object v = r.getValue(i);
            if (v == null) {
                continue;
            }
            setPresent(buf, i);
            int slot = slots + SLOT_SIZE * i;
            switch (schema.getField(i).getType()) {
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                case TIMESTAMP:
                    buf.putLong(slot, ((Number) v).longValue());
                    break;
                case FLOAT:
                    buf.putFloat(slot, (Float) v);
                    break;
                case DOUBLE:
                    buf.putDouble(slot, (Double) v);
                    break;
                case BOOLEAN:
                    buf.putLong(slot, (Boolean) v ? 1 : 0);
                    break;
                case STRING:
                case DECIMAL:
                    var = putBytes(buf, slot, var, bytes[i]);
                    break;
                default:
                    throw new IllegalStateException(
                            "Unknown field type " + schema.getField(i).getType());
            }
        }
        return finish(buf, r, var);
    }

    private static byte[] blobRecord(BlobRecord r) {
        byte[] data = r.dataUnsafe();
        ByteBuffer buf = start(r, BLOB_SCHEMA_VERSION, 1, outOfLineSize(data));
        setPresent(buf, 0);
        int slot = RECORD_FIXED_SIZE + bitmapSize(1);
        return finish(buf, r, putBytes(buf, slot, slot + SLOT_SIZE, data));
    }

    /**
     * Allocates the record and writes everything before the slots; attributes are sized here too.
     */
    private static ByteBuffer start(Record r, int schemaVersion, int fieldCount, int varSize) {
        int attrOffset =
                RECORD_FIXED_SIZE + bitmapSize(fieldCount) + SLOT_SIZE * fieldCount + varSize;
        int totalSize = attrOffset + 4;
        for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
            totalSize += 8 + utf8Length(a.getKey()) + utf8Length(a.getValue());
        }
        return ByteBuffer.allocate(totalSize)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(ENCODE_TYPE)
                .putInt(schemaVersion)
                .putInt(totalSize)
                .putInt(attrOffset)
                .putInt(fieldCount);
    }

    private static byte[] finish(ByteBuffer buf, Record r, int attrOffset) {
        buf.position(attrOffset);
        buf.putInt(r.getAttributes().size());
        for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
            putString(buf, a.getKey());
            putString(buf, a.getValue());
        }
        return buf.array();
    }

    /** Writes a value inline or at {@code var}; returns where the next out-of-line value goes. */
    private static int putBytes(ByteBuffer buf, int slot, int var, byte[] value) {
        if (value.length <= MAX_INLINE) {
            System.arraycopy(value, 0, buf.array(), slot, value.length);
            buf.put(slot + MAX_INLINE, (byte) (INLINE_FLAG | value.length));
            return var;
        }
        buf.putInt(slot, value.length);
        buf.putInt(slot + 4, var - RECORD_HEADER_SIZE);
        System.arraycopy(value, 0, buf.array(), var, value.length);
        return var + padTo8(value.length);
    }

    private static int outOfLineSize(byte[] value) {
        return value.length <= MAX_INLINE ? 0 : padTo8(value.length);
    }

    private static void setPresent(ByteBuffer buf, int field) {
        int at = RECORD_FIXED_SIZE + (field >> 3);
        buf.put(at, (byte) (buf.get(at) | (1 << (field & 7))));
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.putInt(b.length).put(b);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static TupleRecord asTuple(Record r, int index, RecordSchema schema) {
        // Runs per field of every record put: the messages are built only on failure.
        if (!(r instanceof TupleRecord)) {
            throw Validation.invalid(
                    "Record "
                            + index
                            + " is a "
                            + r.getRecordType()
                            + " record but the batch holds TUPLE records");
        }
        TupleRecord t = (TupleRecord) r;
        List<Field> own = t.getSchema().getFields();
        if (own.size() != schema.size()) {
            throw Validation.invalid(
                    "Record "
                            + index
                            + " has "
                            + own.size()
                            + " fields but the topic schema has "
                            + schema.size());
        }
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).getType() != schema.getField(i).getType()) {
                throw Validation.invalid(
                        "Field "
                                + i
                                + " of record "
                                + index
                                + " is "
                                + own.get(i)
                                + " but the topic schema has "
                                + schema.getField(i));
            }
        }
        return t;
    }

    private static BlobRecord asBlob(Record r, int index) {
        if (!(r instanceof BlobRecord)) {
            throw Validation.invalid(
                    "Record "
                            + index
                            + " is a "
                            + r.getRecordType()
                            + " record but the batch holds BLOB records");
        }
        return (BlobRecord) r;
    }
}
