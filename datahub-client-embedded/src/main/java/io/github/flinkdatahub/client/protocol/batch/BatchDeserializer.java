package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.StrictUtf8;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import static io.github.flinkdatahub.client.protocol.batch.BatchFormat.*;

/**
 * Reads the records of one batch blob (header version 0). Everything is checked: magic, version,
 * length, CRC-32C (also when it is 0), compression, and every size and offset inside the records,
 * so a damaged blob fails with a {@link CorruptedResponseException} instead of yielding wrong
 * values.
 *
 * <p>A record's layout has its fieldCount slot's number of fields; the Java SDK leaves the slot 0,
 * and then the record's schema says. A record with fewer fields than the schema it is read with was
 * written before the others were appended: it reads them as null and says so in its {@link
 * TupleRecord#getWrittenFieldCount() written field count}; fields beyond the schema are ignored.
 */
@Internal
public final class BatchDeserializer {
    private BatchDeserializer() {}

    /**
     * The records of {@code blob}, each with its index inside the batch and the batch size.
     *
     * @param schema the topic schema for TUPLE, ignored (may be null) for BLOB
     */
    public static List<Record> deserialize(byte[] blob, RecordType type, RecordSchema schema) {
        return deserialize(blob, type, schema, version -> null);
    }

    /**
     * As {@link #deserialize(byte[], RecordType, RecordSchema)}, reading each TUPLE record with the
     * schema {@code versions} gives for the schema version in its header (a schema registry); where
     * it gives null, with {@code schema}.
     */
    public static List<Record> deserialize(
            byte[] blob, RecordType type, RecordSchema schema, IntFunction<RecordSchema> versions) {
        return deserialize(blob, 0, blob.length, type, schema, versions, b -> {});
    }

    /**
     * As {@link #deserialize(byte[], RecordType, RecordSchema, IntFunction)}, for the blob of
     * {@code length} bytes at {@code offset} (read in place), letting the caller add to every
     * record.
     */
    static List<Record> deserialize(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            Consumer<Record.Builder<?>> extra) {
        Validation.notNull(type, "record type");
        Validation.check(
                type == RecordType.BLOB || schema != null,
                "TUPLE records need the topic's record schema");
        ByteBuffer header = header(data, offset, length);
        int rawSize = header.getInt(12);
        int compression = header.getShort(20) & COMPRESSION_MASK;
        int recordCount = header.getInt(22);
        if (rawSize < 0) {
            throw corrupted("negative rawSize " + rawSize);
        }
        CompressFormat format = format(compression);
        int storedSize = length - HEADER_SIZE;
        int stored = offset + HEADER_SIZE;
        // Uncompressed records are read where they are; the area's index 0 is the first record.
        ByteBuffer area =
                (format == CompressFormat.NONE
                                ? ByteBuffer.wrap(data, stored, storedSize).slice()
                                : ByteBuffer.wrap(
                                        Compression.decompress(
                                                format, data, stored, storedSize, rawSize)))
                        .order(ByteOrder.LITTLE_ENDIAN);
        if (area.capacity() != rawSize) {
            throw corrupted(
                    "rawSize says " + rawSize + " bytes, the record area has " + area.capacity());
        }
        if (recordCount < 0 || recordCount > rawSize / RECORD_FIXED_SIZE) {
            throw corrupted(
                    "recordCount "
                            + recordCount
                            + " is impossible for a record area of "
                            + rawSize
                            + " bytes");
        }
        List<Record> records = new ArrayList<>(recordCount);
        int pos = 0;
        for (int i = 0; i < recordCount; i++) {
            RecordReader reader = new RecordReader(area, pos, i);
            Record.Builder<?> b;
            try {
                b = type == RecordType.TUPLE ? reader.tuple(schema, versions) : reader.blob();
                reader.readAttributes(b);
            } catch (InvalidParameterException e) {
                throw (MalformedRecordException)
                        ErrorCode.MALFORMED_RECORD.exception(
                                "Record " + i + " of a batch blob: " + e.getErrorMessage());
            }
            b.batchIndex(i, recordCount);
            extra.accept(b);
            records.add(
                    b instanceof TupleRecord.Builder
                            ? ((TupleRecord.Builder) b).buildUnchecked()
                            : ((BlobRecord.Builder) b).build());
            pos += reader.totalSize;
        }
        if (pos != rawSize) {
            throw corrupted((rawSize - pos) + " bytes follow the " + recordCount + " records");
        }
        return records;
    }

    /**
     * Checks the fixed header and returns it as a little-endian view whose index 0 is its start.
     */
    private static ByteBuffer header(byte[] data, int offset, int length) {
        if (length < HEADER_SIZE) {
            throw corrupted("expected at least " + HEADER_SIZE + " header bytes, actual " + length);
        }
        if (!Arrays.equals(data, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupted(
                    "wrong magic: expected \"DHUB\", actual \""
                            + new String(data, offset, MAGIC.length, StandardCharsets.ISO_8859_1)
                            + "\"");
        }
        ByteBuffer header =
                ByteBuffer.wrap(data, offset, HEADER_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        int version = header.getInt(4);
        if (version != VERSION) {
            throw corrupted(
                    "unsupported header version: expected " + VERSION + ", actual " + version);
        }
        int declared = header.getInt(LENGTH_OFFSET);
        if (declared != length) {
            throw corrupted(
                    "length mismatch: header says " + declared + " bytes, actual " + length);
        }
        int crc = header.getInt(CRC_OFFSET);
        int computed = DhubFrame.crc32c(data, offset + HEADER_SIZE, length - HEADER_SIZE);
        if (crc != computed) {
            throw corrupted(
                    String.format(
                            "CRC-32C mismatch: expected 0x%08X (computed over the %d stored bytes),"
                                    + " actual 0x%08X",
                            computed, length - HEADER_SIZE, crc));
        }
        return header;
    }

    static CompressFormat format(int code) {
        switch (code) {
            case COMPRESSION_NONE:
                return CompressFormat.NONE;
            case COMPRESSION_ZLIB:
            case COMPRESSION_ZLIB_PYTHON:
                return CompressFormat.ZLIB;
            case COMPRESSION_LZ4:
                return CompressFormat.LZ4;
            default:
                throw new IllegalStateException("compression code " + code);
        }
    }

    private static CorruptedResponseException corrupted(String detail) {
        return new CorruptedResponseException("Corrupted batch blob: " + detail);
    }

    /** One record of the area, with bounds checked against the record's own sizes. */
    private static final class RecordReader {
        private final ByteBuffer area;
        private final int start;
        private final int index;
        private final int totalSize;
        private final int attrOffset;
        private int valueLength;

        RecordReader(ByteBuffer area, int start, int index) {
            this.area = area;
            this.start = start;
            this.index = index;
            int available = area.capacity() - start;
            if (available < RECORD_FIXED_SIZE) {
                throw fail(
                        "needs at least "
                                + RECORD_FIXED_SIZE
                                + " bytes, "
                                + available
                                + " are left");
            }
            int encodeType = area.getInt(start);
            if (encodeType != ENCODE_TYPE) {
                throw fail("has the unsupported encodeType " + encodeType);
            }
            this.totalSize = area.getInt(start + 8);
            this.attrOffset = area.getInt(start + 12);
            if (totalSize < RECORD_FIXED_SIZE + 4 || totalSize > available) {
                throw fail("has totalSize " + totalSize + " but " + available + " bytes are left");
            }
        }

        TupleRecord.Builder tuple(RecordSchema topicSchema, IntFunction<RecordSchema> versions) {
            RecordSchema byVersion = versions.apply(area.getInt(start + 4));
            RecordSchema schema = byVersion != null ? byVersion : topicSchema;
            int written = area.getInt(start + RECORD_HEADER_SIZE);
            if (written < 0 || written > totalSize / SLOT_SIZE) {
                throw fail("has an impossible fieldCount " + written);
            }
            // The layout's field count; the Java SDK writes 0 there.
            int fieldCount = written == 0 ? schema.size() : written;
            int slots = slotsStart(fieldCount);
            int read = Math.min(fieldCount, schema.size());
            TupleRecord.Builder b = TupleRecord.builder(schema).writtenFieldCount(read);
            for (int i = 0; i < read; i++) {
                if (!present(i)) {
                    continue;
                }
                Field f = schema.getField(i);
                int slot = slots + SLOT_SIZE * i;
                Object value;
                switch (f.getType()) {
                    case TINYINT:
                        value = (byte) integral(slot, f, Byte.MIN_VALUE, Byte.MAX_VALUE);
                        break;
                    case SMALLINT:
                        value = (short) integral(slot, f, Short.MIN_VALUE, Short.MAX_VALUE);
                        break;
                    case INTEGER:
                        value = (int) integral(slot, f, Integer.MIN_VALUE, Integer.MAX_VALUE);
                        break;
                    case BIGINT:
                    case TIMESTAMP:
                        value = area.getLong(slot);
                        break;
                    case FLOAT:
                        value = area.getFloat(slot);
                        break;
                    case DOUBLE:
                        value = area.getDouble(slot);
                        break;
                    case BOOLEAN:
                        value = area.getLong(slot) != 0;
                        break;
                    case STRING:
                        value = text(slot, slots, fieldCount, f);
                        break;
                    case DECIMAL:
                        value = f.getType().fromText(text(slot, slots, fieldCount, f), f.getName());
                        break;
                    default:
                        throw new IllegalStateException("Unknown field type " + f.getType());
                }
                b.set(i, value);
            }
            return b;
        }

        BlobRecord.Builder blob() {
            int slots = slotsStart(1);
            // bytes() returns a fresh array: the record may keep it.
            return BlobRecord.builderUnsafe(present(0) ? bytes(slots, slots, 1) : new byte[0]);
        }

        void readAttributes(Record.Builder<?> b) {
            int pos = start + attrOffset;
            int end = start + totalSize;
            int count = area.getInt(pos);
            pos += 4;
            if (count < 0 || count > (end - pos) / 8) {
                throw fail("has an impossible attribute count " + count);
            }
            for (int i = 0; i < count; i++) {
                String key = string(pos, end);
                pos += 4 + area.getInt(pos);
                String value = string(pos, end);
                pos += 4 + area.getInt(pos);
                b.attribute(key, value);
            }
            if (pos != end) {
                throw fail(
                        "has totalSize "
                                + totalSize
                                + " but its attributes end at "
                                + (pos - start));
            }
        }

        /**
         * Absolute position of the first slot, after checking that the slots fit before the
         * attributes.
         */
        private int slotsStart(int fieldCount) {
            int slots = start + RECORD_FIXED_SIZE + bitmapSize(fieldCount);
            int varStart = slots - start + SLOT_SIZE * fieldCount;
            if (attrOffset < varStart || attrOffset > totalSize - 4) {
                throw fail(
                        "has attrOffset "
                                + attrOffset
                                + " but its "
                                + fieldCount
                                + " field slots end at "
                                + varStart
                                + " and the record at "
                                + totalSize);
            }
            return slots;
        }

        private boolean present(int field) {
            return (area.get(start + RECORD_FIXED_SIZE + (field >> 3)) & (1 << (field & 7))) != 0;
        }

        /** A blob value as a fresh array the record may keep. */
        private byte[] bytes(int slot, int slots, int fieldCount) {
            int from = valueStart(slot, slots, fieldCount);
            return Arrays.copyOfRange(area.array(), from, from + valueLength);
        }

        /** A string value, decoded where it lies; bytes that are not UTF-8 are malformed. */
        private String text(int slot, int slots, int fieldCount, Field f) {
            int from = valueStart(slot, slots, fieldCount);
            return StrictUtf8.decodeField(area.array(), from, valueLength, f.getName());
        }

        /**
         * Where a string or blob value starts in the backing array (its length in {@link
         * #valueLength}): inline in its slot, or out of line between the slots and the attributes.
         */
        private int valueStart(int slot, int slots, int fieldCount) {
            int flags = area.get(slot + MAX_INLINE) & 0xFF;
            if ((flags & INLINE_FLAG) != 0) {
                valueLength = flags & 0x07;
                return area.arrayOffset() + slot;
            }
            int length = area.getInt(slot);
            int from = RECORD_HEADER_SIZE + area.getInt(slot + 4);
            int varStart = slots - start + SLOT_SIZE * fieldCount;
            if (length < 0 || from < varStart || from > attrOffset - length) {
                throw fail(
                        "has a value of "
                                + length
                                + " bytes at offset "
                                + from
                                + " outside its variable area ["
                                + varStart
                                + ", "
                                + attrOffset
                                + ")");
            }
            valueLength = length;
            return area.arrayOffset() + start + from;
        }

        private String string(int pos, int end) {
            int length = pos + 4 <= end ? area.getInt(pos) : -1;
            if (length < 0 || length > end - pos - 4) {
                throw fail("has an attribute that does not fit in its " + totalSize + " bytes");
            }
            return StrictUtf8.decode(
                    area.array(), area.arrayOffset() + pos + 4, length, "An attribute");
        }

        /**
         * An integer slot: every writer stores the value as int64, so one outside the field's range
         * is malformed, never cut to its low bytes.
         */
        private long integral(int slot, Field f, long min, long max) {
            long v = area.getLong(slot);
            if (v < min || v > max) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "Field '"
                                + f.getName()
                                + "' of type "
                                + f.getType()
                                + " cannot hold the value "
                                + v);
            }
            return v;
        }

        private CorruptedResponseException fail(String detail) {
            return corrupted(
                    "record " + index + " (at byte " + start + " of the record area) " + detail);
        }
    }
}
