package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.GetRecordsEnvelope;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufReader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decodes a {@code GetBinaryRecordsResponse} (datahub.proto) without copying its batch blobs: each
 * entry's blob is read where it lies in the answer. As with the generated message, the whole
 * message is checked first (unknown fields skipped; a malformed message or a missing next_cursor or
 * record_count is a {@code CorruptedResponseException}), then the blobs are read in order, each
 * TUPLE record with the schema of the version its header names where the lookup knows it.
 */
final class GetBinaryRecordsResponseDecoder {
    private GetBinaryRecordsResponseDecoder() {}

    static GetRecordsResult decode(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardIdFromUrl) {
        List<Entry> entries = new ArrayList<>();
        GetRecordsEnvelope envelope =
                GetRecordsEnvelope.read(
                        new ProtobufReader(data, offset, length),
                        "GetBinaryRecordsResponse",
                        length,
                        in -> entries.add(entry(in)));
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
        return envelope.result(records);
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
