package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufReader;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufReader.MalformedProtobufException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decodes a {@code GetBinaryRecordsResponse} (datahub.proto) without copying its batch blobs: each
 * entry's blob is read where it lies in the answer. As with the generated message, the whole
 * message is checked first (unknown fields skipped; a malformed message or a missing next_cursor or
 * record_count is a {@link CorruptedResponseException}), then the blobs are read in order, each
 * TUPLE record with the schema of the version its header names where the lookup knows it.
 */
final class GetBinaryRecordsResponseDecoder {
    private static final String MESSAGE = "GetBinaryRecordsResponse";

    private GetBinaryRecordsResponseDecoder() {}

    static GetRecordsResult decode(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardIdFromUrl) {
        ProtobufReader in = new ProtobufReader(data, offset, length);
        String nextCursor = null;
        int recordCount = 0;
        boolean hasRecordCount = false;
        long startSequence = 0;
        long latestSequence = -1;
        long latestTime = -1;
        List<Entry> entries = new ArrayList<>();
        try {
            while (in.hasMore()) {
                int tag = in.readTag();
                switch (tag) {
                    case 1 << 3 | ProtobufReader.LENGTH_DELIMITED:
                        nextCursor = in.readString();
                        break;
                    case 2 << 3 | ProtobufReader.VARINT:
                        recordCount = (int) in.readVarint();
                        hasRecordCount = true;
                        break;
                    case 3 << 3 | ProtobufReader.VARINT:
                        startSequence = in.readVarint();
                        break;
                    case 4 << 3 | ProtobufReader.LENGTH_DELIMITED:
                        entries.add(entry(in));
                        break;
                    case 5 << 3 | ProtobufReader.VARINT:
                        latestSequence = in.readVarint();
                        break;
                    case 6 << 3 | ProtobufReader.VARINT:
                        latestTime = in.readVarint();
                        break;
                    default:
                        in.skipField(tag);
                }
            }
        } catch (MalformedProtobufException e) {
            throw corrupted(length, e.getMessage());
        }
        if (nextCursor == null || !hasRecordCount) {
            throw corrupted(
                    length,
                    "Message missing required fields: "
                            + (nextCursor == null
                                    ? hasRecordCount ? "next_cursor" : "next_cursor, record_count"
                                    : "record_count"));
        }
        List<Record> records = new ArrayList<>();
        for (Entry e : entries) {
            records.addAll(
                    BatchDeserializer.deserialize(
                            data,
                            e.dataStart,
                            e.dataEnd - e.dataStart,
                            type,
                            schema,
                            versions,
                            b ->
                                    b.shardId(shardIdFromUrl)
                                            .cursor(e.cursor)
                                            .nextCursor(e.nextCursor)
                                            .sequence(e.sequence)
                                            .systemTime(e.systemTime)
                                            .serial(e.serial)));
        }
        return new GetRecordsResult(
                nextCursor, recordCount, startSequence, latestSequence, latestTime, records);
    }

    /** One {@code BinaryRecordEntry}: its position fields and where its blob lies. */
    private static Entry entry(ProtobufReader in) {
        Entry e = new Entry();
        int outer = in.enter(in.readLengthEnd());
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag) {
                case 1 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.cursor = in.readString();
                    break;
                case 2 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.nextCursor = in.readString();
                    break;
                case 3 << 3 | ProtobufReader.VARINT:
                    e.sequence = in.readVarint();
                    break;
                case 4 << 3 | ProtobufReader.VARINT:
                    e.systemTime = in.readVarint();
                    break;
                case 5 << 3 | ProtobufReader.VARINT:
                    // uint32 on the wire
                    e.serial = Integer.toUnsignedLong((int) in.readVarint());
                    break;
                case 6 << 3 | ProtobufReader.LENGTH_DELIMITED:
                    e.dataEnd = in.readLengthEnd();
                    e.dataStart = in.position();
                    in.skipTo(e.dataEnd);
                    break;
                default:
                    in.skipField(tag);
            }
        }
        in.leave(outer);
        return e;
    }

    private static CorruptedResponseException corrupted(int length, String detail) {
        return new CorruptedResponseException(
                "Payload of " + length + " bytes is not a valid " + MESSAGE + ": " + detail);
    }

    /** Absent position fields read as null / -1; an absent blob is empty. */
    private static final class Entry {
        String cursor;
        String nextCursor;
        long sequence = -1;
        long systemTime = -1;
        long serial = -1;
        int dataStart;
        int dataEnd;
    }
}
