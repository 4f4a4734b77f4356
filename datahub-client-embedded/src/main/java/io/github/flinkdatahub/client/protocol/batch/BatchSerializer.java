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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.client.protocol.batch.BatchFormat.*;

/**
 * Writes records as one batch blob (header version 0). The fieldCount slot of each record holds the
 * number of fields it was written with, as PyDatahub and the service write it (the Java SDK writes
 * 0, which readers take as the schema's size); {@link BatchDeserializer} lays a record out by it.
 * Compression is kept only when it does not enlarge the record area.
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
        // Records are written one after another into one area, after room for the blob header:
        // uncompressed, the area becomes the blob without a copy.
        Area area = new Area(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (type == RecordType.TUPLE) {
                tupleRecord(area, asTuple(records.get(i), i, schema), schema, schemaVersion);
            } else {
                blobRecord(area, asBlob(records.get(i), i));
            }
            area.recordWritten();
        }
        return blob(area, compression, records.size());
    }

    /**
     * The blob of the record area {@code raw} (for {@link BatchRecordHeaders}, which changes the
     * record headers of a blob it kept).
     */
    static byte[] blob(byte[] raw, CompressFormat compression, int recordCount) {
        Area area = new Area(recordCount, raw.length);
        area.next(raw.length).put(raw);
        return blob(area, compression, recordCount);
    }

    private static byte[] blob(Area area, CompressFormat compression, int recordCount) {
        int rawSize = area.size - HEADER_SIZE;
        byte[] blob = null;
        int code = COMPRESSION_NONE;
        if (compression != CompressFormat.NONE) {
            blob = Compression.compress(compression, area.bytes, HEADER_SIZE, rawSize, HEADER_SIZE);
            code = compressionCode(compression);
            // Compression is kept only when it does not enlarge the record area.
            if (blob.length > area.size) {
                blob = null;
                code = COMPRESSION_NONE;
            }
        }
        if (blob == null) {
            blob =
                    area.bytes.length == area.size
                            ? area.bytes
                            : Arrays.copyOf(area.bytes, area.size);
        }
        int storedSize = blob.length - HEADER_SIZE;
        ByteBuffer.wrap(blob, 0, HEADER_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC)
                .putInt(VERSION)
                .putInt(blob.length)
                .putInt(rawSize)
                .putInt(DhubFrame.crc32c(blob, HEADER_SIZE, storedSize))
                .putShort((short) (ATTRIBUTE_ALWAYS_SET | code))
                .putInt(recordCount);
        return blob;
    }

    /**
     * The growing record area, after {@code HEADER_SIZE} free bytes. Grows to the size the records
     * written so far predict for the whole batch, so it is rarely copied.
     */
    private static final class Area {
        private final int recordCount;
        private byte[] bytes;
        private int size = HEADER_SIZE;
        private int recordsWritten;

        Area(int recordCount) {
            this(recordCount, 64 * Math.max(1, recordCount));
        }

        /**
         * With room for {@code rawSize} bytes of records: the area of a known size is not copied.
         */
        Area(int recordCount, int rawSize) {
            this.recordCount = recordCount;
            this.bytes = new byte[HEADER_SIZE + rawSize];
        }

        /**
         * The next {@code length} bytes, as a little-endian buffer whose index 0 is their first.
         */
        ByteBuffer next(int length) {
            if (length > bytes.length - size) {
                long written = size - HEADER_SIZE;
                long predicted =
                        recordsWritten == 0
                                ? 0
                                : HEADER_SIZE + written / recordsWritten * recordCount * 9 / 8;
                long capacity =
                        Math.max(
                                Math.max((long) bytes.length * 2, predicted), (long) size + length);
                bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, Integer.MAX_VALUE - 8));
            }
            ByteBuffer buf =
                    ByteBuffer.wrap(bytes, size, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            size += length;
            return buf;
        }

        void recordWritten() {
            recordsWritten++;
        }
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

    private static void tupleRecord(
            Area area, TupleRecord r, RecordSchema schema, int schemaVersion) {
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
        ByteBuffer buf = start(area, r, schemaVersion, fieldCount, varSize);
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
        finish(buf, r, var);
    }

    private static void blobRecord(Area area, BlobRecord r) {
        byte[] data = r.dataUnsafe();
        ByteBuffer buf = start(area, r, BLOB_SCHEMA_VERSION, 1, outOfLineSize(data));
        setPresent(buf, 0);
        int slot = RECORD_FIXED_SIZE + bitmapSize(1);
        finish(buf, r, putBytes(buf, slot, slot + SLOT_SIZE, data));
    }

    /**
     * Takes the record's bytes from the area and writes everything before the slots; attributes are
     * sized here too.
     */
    private static ByteBuffer start(
            Area area, Record r, int schemaVersion, int fieldCount, int varSize) {
        int attrOffset =
                RECORD_FIXED_SIZE + bitmapSize(fieldCount) + SLOT_SIZE * fieldCount + varSize;
        int totalSize = attrOffset + 4;
        for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
            totalSize += 8 + utf8Length(a.getKey()) + utf8Length(a.getValue());
        }
        return area.next(totalSize)
                .putInt(ENCODE_TYPE)
                .putInt(schemaVersion)
                .putInt(totalSize)
                .putInt(attrOffset)
                .putInt(fieldCount);
    }

    private static void finish(ByteBuffer buf, Record r, int attrOffset) {
        buf.position(attrOffset);
        buf.putInt(r.getAttributes().size());
        for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
            putString(buf, a.getKey());
            putString(buf, a.getValue());
        }
    }

    /** Writes a value inline or at {@code var}; returns where the next out-of-line value goes. */
    private static int putBytes(ByteBuffer buf, int slot, int var, byte[] value) {
        if (value.length <= MAX_INLINE) {
            System.arraycopy(value, 0, buf.array(), buf.arrayOffset() + slot, value.length);
            buf.put(slot + MAX_INLINE, (byte) (INLINE_FLAG | value.length));
            return var;
        }
        buf.putInt(slot, value.length);
        buf.putInt(slot + 4, var - RECORD_HEADER_SIZE);
        System.arraycopy(value, 0, buf.array(), buf.arrayOffset() + var, value.length);
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
