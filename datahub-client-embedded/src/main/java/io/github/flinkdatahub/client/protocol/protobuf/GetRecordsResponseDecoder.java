package io.github.flinkdatahub.client.protocol.protobuf;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufReader.MalformedProtobufException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a {@code GetRecordsResponse} (datahub.proto) straight from its bytes into records: no
 * message object per record and no copy of a value before it becomes the record's value. The result
 * and the errors are those of parsing with the generated message: unknown fields are skipped, a
 * missing required field or a malformed message is a {@link
 * io.github.flinkdatahub.client.exception.CorruptedResponseException}, a bad value or BLOB entry a
 * {@link MalformedRecordException}. One difference in order: records are converted while the
 * payload is read, so a bad value before a structural fault is reported first.
 *
 * <p>Reads with the caller's schema: a missing value is null, values beyond the schema are ignored
 * and missing trailing values are null (a record written before fields were appended says so in its
 * written field count). A decoder holds the scratch state of one payload.
 */
final class GetRecordsResponseDecoder {
    private static final String MESSAGE = "GetRecordsResponse";

    private final ProtobufReader in;
    private final int length;
    private final RecordType type;
    private final RecordSchema schema;
    private final String shardIdFromUrl;
    private final Entry entry = new Entry();
    private String lastShardId;

    private GetRecordsResponseDecoder(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            String shardIdFromUrl) {
        this.in = new ProtobufReader(data, offset, length);
        this.length = length;
        this.type = type;
        this.schema = schema;
        this.shardIdFromUrl = shardIdFromUrl;
    }

    static GetRecordsResult decode(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            String shardIdFromUrl) {
        return new GetRecordsResponseDecoder(data, offset, length, type, schema, shardIdFromUrl)
                .response();
    }

    private GetRecordsResult response() {
        List<Record> records = new ArrayList<>();
        return GetRecordsEnvelope.read(
                        in, MESSAGE, length, r -> records.add(record(records.size())))
                .result(records);
    }

    /** One {@code RecordEntry}, read whole (its fields may come in any order), then built. */
    private Record record(int index) {
        Entry e = entry;
        e.reset();
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag) {
                case 1 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.shardId = shardId();
                    break;
                case 2 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.hashKey = in.readString();
                    break;
                case 3 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.partitionKey = in.readString();
                    break;
                case 4 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.cursor = in.readString();
                    break;
                case 5 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.nextCursor = in.readString();
                    break;
                case 6 << 3 | ProtobufReader.VARINT:
                    e.sequence = in.readVarint();
                    break;
                case 7 << 3 | ProtobufReader.VARINT:
                    e.systemTime = in.readVarint();
                    break;
                case 8 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    attributes(index);
                    break;
                case 9 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    recordData();
                    e.hasData = true;
                    break;
                case 10 << 3 | ProtobufReader.VARINT:
                    e.serial = in.readVarint();
                    break;
                default:
                    in.skipField(tag);
            }
        }
        in.leave(outer);
        if (!e.hasData) {
            throw new MalformedProtobufException(
                    "Message missing required fields: records[" + index + "].data");
        }
        return type == RecordType.TUPLE ? tuple(e) : blob(e, index);
    }

    /** Entries of one page name the same shard: its id is decoded once. */
    private String shardId() {
        int end = in.readLengthEnd();
        int start = in.position();
        in.skipTo(end);
        String last = lastShardId;
        if (last != null && sameAscii(last, in.data(), start, end)) {
            return last;
        }
        lastShardId = new String(in.data(), start, end - start, StandardCharsets.UTF_8);
        return lastShardId;
    }

    private static boolean sameAscii(String s, byte[] data, int start, int end) {
        if (s.length() != end - start) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != data[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A {@code RecordAttributes}: its {@code StringPair}s in order. */
    private void attributes(int index) {
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                stringPair(index);
            } else {
                in.skipField(tag);
            }
        }
        in.leave(outer);
    }

    private void stringPair(int index) {
        String key = null;
        String value = null;
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                key = in.readString();
            } else if (tag == (2 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                value = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        in.leave(outer);
        if (key == null || value == null) {
            throw new MalformedProtobufException(
                    "Message missing required fields: records["
                            + index
                            + "].attributes.attributes["
                            + entry.attributeCount / 2
                            + "]."
                            + (key == null ? "key" : "value"));
        }
        entry.addAttribute(key, value);
    }

    /** A {@code RecordData}: where each {@code FieldData}'s value lies, -1 for none. */
    private void recordData() {
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                fieldData();
            } else {
                in.skipField(tag);
            }
        }
        in.leave(outer);
    }

    private void fieldData() {
        int start = -1;
        int end = -1;
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                end = in.readLengthEnd();
                start = in.position();
                in.skipTo(end);
            } else {
                in.skipField(tag);
            }
        }
        in.leave(outer);
        entry.addValue(start, end);
    }

    private Record tuple(Entry e) {
        int n = Math.min(e.valueCount, schema.size());
        TupleRecord.Builder b = TupleRecord.builder(schema).writtenFieldCount(n);
        byte[] data = in.data();
        for (int i = 0; i < n; i++) {
            int start = e.valueStarts[i];
            if (start >= 0) {
                Field f = schema.getField(i);
                b.set(i, TextValues.parse(f, data, start, e.valueEnds[i]));
            }
        }
        return withReadPosition(b, e).buildUnchecked();
    }

    private Record blob(Entry e, int index) {
        if (e.valueCount != 1) {
            throw (MalformedRecordException)
                    ErrorCode.MALFORMED_RECORD.exception(
                            "A BLOB record holds exactly one data item, record "
                                    + index
                                    + " has "
                                    + e.valueCount);
        }
        int start = e.valueStarts[0];
        byte[] value =
                start < 0 ? new byte[0] : Arrays.copyOfRange(in.data(), start, e.valueEnds[0]);
        return withReadPosition(BlobRecord.builderUnsafe(value), e).build();
    }

    private <B extends Record.Builder<B>> B withReadPosition(B b, Entry e) {
        b.shardId(e.shardId != null ? e.shardId : shardIdFromUrl);
        if (e.hashKey != null) {
            b.hashKey(e.hashKey);
        }
        if (e.partitionKey != null) {
            b.partitionKey(e.partitionKey);
        }
        b.cursor(e.cursor)
                .nextCursor(e.nextCursor)
                .sequence(e.sequence)
                .systemTime(e.systemTime)
                .serial(e.serial);
        for (int i = 0; i < e.attributeCount; i += 2) {
            b.attribute(e.attributes[i], e.attributes[i + 1]);
        }
        return b;
    }

    /** The fields of the entry being read; reused for every entry of the payload. */
    private static final class Entry {
        String shardId;
        String hashKey;
        String partitionKey;
        String cursor;
        String nextCursor;
        long sequence;
        long systemTime;
        long serial;
        boolean hasData;
        int valueCount;
        int[] valueStarts = new int[8];
        int[] valueEnds = new int[8];
        int attributeCount;
        String[] attributes = new String[4];

        void reset() {
            shardId = null;
            hashKey = null;
            partitionKey = null;
            cursor = null;
            nextCursor = null;
            // An absent sequence or system time reads as -1; serial's proto default is -1.
            sequence = -1;
            systemTime = -1;
            serial = -1;
            hasData = false;
            valueCount = 0;
            attributeCount = 0;
        }

        void addValue(int start, int end) {
            if (valueCount == valueStarts.length) {
                valueStarts = Arrays.copyOf(valueStarts, valueCount * 2);
                valueEnds = Arrays.copyOf(valueEnds, valueCount * 2);
            }
            valueStarts[valueCount] = start;
            valueEnds[valueCount] = end;
            valueCount++;
        }

        void addAttribute(String key, String value) {
            if (attributeCount + 2 > attributes.length) {
                attributes = Arrays.copyOf(attributes, attributes.length * 2);
            }
            attributes[attributeCount++] = key;
            attributes[attributeCount++] = value;
        }
    }
}
