package io.github.flinkdatahub.client.protocol.protobuf;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code PutRecordsRequest} (datahub.proto) straight from records, byte for byte what the
 * generated message writes (fields in number order, routing, read positions and attributes only
 * when set), without a builder, message or {@code ByteString} per record and value. A first pass
 * takes every string's UTF-8 bytes once and sums the sizes a length prefix needs, the second writes
 * into an array of exactly the request's size. An encoder holds the scratch state of one request.
 */
final class PutRecordsRequestEncoder {
    private static final int LENGTH_DELIMITED = 2;
    private static final int SEQUENCE_TAG = 6 << 3;
    private static final int SYSTEM_TIME_TAG = 7 << 3;
    private static final int SERIAL_TAG = 10 << 3;

    /** The UTF-8 bytes (or blob) of every string and value in writing order; null: no value. */
    private byte[][] chunks = new byte[64][];

    private int chunkCount;

    /** Per record: the sizes of its entry, its attributes and its data. */
    private final int[] sizes;

    private byte[] out;
    private int pos;

    private PutRecordsRequestEncoder(int records) {
        this.sizes = new int[3 * records];
    }

    /** The request's bytes, written from {@code offset} on of an array that long plus the size. */
    static byte[] encode(List<? extends Record> records, int offset) {
        return new PutRecordsRequestEncoder(records.size()).write(records, offset);
    }

    private byte[] write(List<? extends Record> records, int offset) {
        int total = 0;
        for (int i = 0; i < records.size(); i++) {
            int entry = measure(records.get(i), i);
            total += 1 + varintSize(entry) + entry;
        }
        out = new byte[offset + total];
        pos = offset;
        int chunk = 0;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            tag(1);
            varint(sizes[3 * i]);
            chunk = writeString(1, r.getShardId(), chunk);
            chunk = writeString(2, r.getHashKey(), chunk);
            chunk = writeString(3, r.getPartitionKey(), chunk);
            chunk = writeString(4, r.getCursor(), chunk);
            chunk = writeString(5, r.getNextCursor(), chunk);
            if (r.getSequence() >= 0) {
                out[pos++] = (byte) SEQUENCE_TAG;
                varint(r.getSequence());
            }
            if (r.getSystemTime() >= 0) {
                out[pos++] = (byte) SYSTEM_TIME_TAG;
                varint(r.getSystemTime());
            }
            if (!r.getAttributes().isEmpty()) {
                tag(8);
                varint(sizes[3 * i + 1]);
                for (int a = 0; a < r.getAttributes().size(); a++) {
                    byte[] key = chunks[chunk++];
                    byte[] value = chunks[chunk++];
                    tag(1);
                    varint(fieldSize(key) + fieldSize(value));
                    bytesField(1, key);
                    bytesField(2, value);
                }
            }
            tag(9);
            varint(sizes[3 * i + 2]);
            int values = valueCount(r);
            for (int v = 0; v < values; v++) {
                byte[] value = chunks[chunk++];
                tag(1);
                if (value == null) {
                    out[pos++] = 0;
                } else {
                    varint(fieldSize(value));
                    bytesField(1, value);
                }
            }
            if (r.getSerial() >= 0) {
                out[pos++] = (byte) SERIAL_TAG;
                varint(r.getSerial());
            }
        }
        return out;
    }

    /** Collects the record's strings and values, stores its sizes and returns its entry's. */
    private int measure(Record r, int index) {
        int entry =
                stringSize(r.getShardId())
                        + stringSize(r.getHashKey())
                        + stringSize(r.getPartitionKey())
                        + stringSize(r.getCursor())
                        + stringSize(r.getNextCursor());
        if (r.getSequence() >= 0) {
            entry += 1 + varintSize(r.getSequence());
        }
        if (r.getSystemTime() >= 0) {
            entry += 1 + varintSize(r.getSystemTime());
        }
        Map<String, String> attributes = r.getAttributes();
        if (!attributes.isEmpty()) {
            int size = 0;
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                int pair = fieldSize(add(utf8(a.getKey()))) + fieldSize(add(utf8(a.getValue())));
                size += 1 + varintSize(pair) + pair;
            }
            sizes[3 * index + 1] = size;
            entry += 1 + varintSize(size) + size;
        }
        int data = 0;
        if (r instanceof BlobRecord) {
            // Records are immutable, so the request may be written from their bytes.
            data += valueSize(add(((BlobRecord) r).dataUnsafe()));
        } else {
            TupleRecord t = (TupleRecord) r;
            List<Field> fields = t.getSchema().getFields();
            for (int i = 0; i < fields.size(); i++) {
                Object v = t.getValue(i);
                data += valueSize(add(v == null ? null : utf8(fields.get(i).getType().toText(v))));
            }
        }
        sizes[3 * index + 2] = data;
        entry += 1 + varintSize(data) + data;
        if (r.getSerial() >= 0) {
            entry += 1 + varintSize(r.getSerial());
        }
        sizes[3 * index] = entry;
        return entry;
    }

    /** A put sends one value per schema field (null ones too) or the one blob. */
    private static int valueCount(Record r) {
        return r instanceof BlobRecord ? 1 : ((TupleRecord) r).getSchema().size();
    }

    private int stringSize(String s) {
        return s == null ? 0 : fieldSize(add(utf8(s)));
    }

    /** A {@code FieldData} in its {@code RecordData}: tag, length and the optional value. */
    private static int valueSize(byte[] value) {
        int fieldData = value == null ? 0 : fieldSize(value);
        return 1 + varintSize(fieldData) + fieldData;
    }

    /** A length-delimited field with a one-byte tag. */
    private static int fieldSize(byte[] bytes) {
        return 1 + varintSize(bytes.length) + bytes.length;
    }

    /**
     * UTF-8 as protobuf writes strings: its own encoder gives the JDK's bytes for every string (and
     * falls back to them for an unpaired surrogate).
     */
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] add(byte[] chunk) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = chunk;
        return chunk;
    }

    private int writeString(int field, String s, int chunk) {
        if (s == null) {
            return chunk;
        }
        bytesField(field, chunks[chunk]);
        return chunk + 1;
    }

    private void bytesField(int field, byte[] bytes) {
        tag(field);
        varint(bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        pos += bytes.length;
    }

    private void tag(int lengthDelimitedField) {
        out[pos++] = (byte) (lengthDelimitedField << 3 | LENGTH_DELIMITED);
    }

    /** A non-negative value: lengths, and the positions, which are sent only when set. */
    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
    }

    private static int varintSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }
}
