package io.github.flinkdatahub.emulator.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchSerializer;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufMessages;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers to get-records in the three wire modes, whatever mode the entries were written in:
 *
 * <ul>
 *   <li>JSON and protobuf readers get records; the records of a batch entry all carry the entry's
 *       sequence, system time and cursors (as the batch readers of the SDKs give them).
 *   <li>Batch readers get one blob per entry: a batch entry's blob exactly as its writer sent it
 *       (compression and schema version kept), and a single record written in JSON or protobuf mode
 *       as a blob of its own, LZ4-compressed like the Java SDK's batch writer does by default.
 * </ul>
 */
public final class GetResponses {
    /** Compression of the blobs built for records that were not written as batches. */
    static final CompressFormat BLOB_COMPRESSION = CompressFormat.LZ4;

    private GetResponses() {}

    /** What a get found: the entries read, where the read started, and the log's bounds. */
    public static final class Read {
        private final List<LogEntry> entries;
        private final String requestCursor;
        private final long startSequence;
        private final long followingTime;
        private final LogBounds bounds;
        private final String shardId;

        /**
         * @param followingTime system time of the entry after the last one read, -1 when there is
         *     none yet: a record's next cursor is then exactly the cursor the following record will
         *     be read with
         */
        public Read(
                List<LogEntry> entries,
                String requestCursor,
                long startSequence,
                long followingTime,
                LogBounds bounds,
                String shardId) {
            this.entries = List.copyOf(entries);
            this.requestCursor = requestCursor;
            this.startSequence = startSequence;
            this.followingTime = followingTime;
            this.bounds = bounds;
            this.shardId = shardId;
        }

        public List<LogEntry> entries() {
            return entries;
        }

        /**
         * Where to continue: after the last entry read, or the request's own cursor when nothing
         * was read.
         */
        public String nextCursor() {
            return entries.isEmpty() ? requestCursor : nextCursor(entries.size() - 1);
        }

        /**
         * The cursor of the entry after entry {@code i}; past the end it carries entry i's time.
         */
        String nextCursor(int i) {
            LogEntry e = entries.get(i);
            long time =
                    i + 1 < entries.size()
                            ? entries.get(i + 1).systemTime()
                            : followingTime >= 0 ? followingTime : e.systemTime();
            return CursorCodec.encode(e.sequence() + 1, time);
        }

        long firstSequence() {
            return entries.isEmpty() ? startSequence : entries.get(0).sequence();
        }
    }

    /** The records read, for the JSON and protobuf answers. */
    public static GetRecordsResult result(Read read, TopicFormat f) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < read.entries.size(); i++) {
            records.addAll(records(read.entries.get(i), read.nextCursor(i), f, read.shardId));
        }
        return new GetRecordsResult(
                read.nextCursor(),
                records.size(),
                read.firstSequence(),
                read.bounds.latestSequence(),
                read.bounds.latestTime(),
                records);
    }

    public static ObjectNode json(Read read, TopicFormat f) {
        return RecordJson.writeGetResponse(result(read, f));
    }

    /** A framed {@code GetRecordsResponse}. */
    public static byte[] protobuf(Read read, TopicFormat f) {
        return DhubFrame.encode(ProtobufRecordCodec.encodeGetRecordsResponse(result(read, f)));
    }

    /**
     * A framed {@code GetBinaryRecordsResponse}, one blob per entry; {@code record_count} counts
     * entries.
     */
    public static byte[] batch(Read read, TopicFormat f) {
        DataHubProtos.GetBinaryRecordsResponse.Builder response =
                DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                        .setNextCursor(read.nextCursor())
                        .setRecordCount(read.entries.size())
                        .setStartSequence(read.firstSequence())
                        .setLatestSequence(read.bounds.latestSequence())
                        .setLatestTime(read.bounds.latestTime());
        for (int i = 0; i < read.entries.size(); i++) {
            LogEntry e = read.entries.get(i);
            String next = read.nextCursor(i);
            byte[] blob =
                    e.kind() == LogEntry.Kind.BATCH ? e.payload() : blob(e, next, f, read.shardId);
            response.addRecords(binaryEntry(e, next, blob));
        }
        return DhubFrame.encode(response.build().toByteArray());
    }

    /**
     * A record written in JSON or protobuf mode as a blob of its own, in its own shape: a record
     * written before fields were appended has only its fields and names their schema version.
     */
    private static byte[] blob(LogEntry e, String next, TopicFormat f, String shardId) {
        List<Record> records = records(e, next, f, shardId);
        int version =
                records.get(0) instanceof TupleRecord
                        ? f.schemaVersion((TupleRecord) records.get(0))
                        : -1;
        return BatchSerializer.serialize(records, f.type(), f.schema(), BLOB_COMPRESSION, version);
    }

    /**
     * The records of one entry as a reader of the topic's current schema sees them, each carrying
     * the entry's position, {@code next} as next cursor, and the shard id. A record written before
     * fields were appended keeps its shape: its written field count says how many values it has
     * (JSON and protobuf answers carry only those, as the SDKs expect: they read missing trailing
     * values as null).
     */
    public static List<Record> records(LogEntry e, String next, TopicFormat f, String shardId) {
        if (e.kind() == LogEntry.Kind.BATCH) {
            byte[] response =
                    DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                            .setNextCursor(next)
                            .setRecordCount(1)
                            .addRecords(binaryEntry(e, next, e.payload()))
                            .build()
                            .toByteArray();
            return BatchRecordCodec.decodeGetBinaryRecordsResponse(
                            response,
                            0,
                            response.length,
                            f.type(),
                            f.schema(),
                            f::schemaOfVersion,
                            shardId)
                    .getRecords();
        }
        DataHubProtos.RecordEntry entry =
                ProtobufMessages.parse(
                                DataHubProtos.RecordEntry.parser(), e.payload(), "RecordEntry")
                        .toBuilder()
                        .setCursor(CursorCodec.encode(e.sequence(), e.systemTime()))
                        .setNextCursor(next)
                        .setSequence(e.sequence())
                        .setSystemTime(e.systemTime())
                        .build();
        byte[] response =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor(next)
                        .setRecordCount(1)
                        .addRecords(entry)
                        .build()
                        .toByteArray();
        return ProtobufRecordCodec.decodeGetRecordsResponse(response, f.type(), f.schema(), shardId)
                .getRecords();
    }

    private static DataHubProtos.BinaryRecordEntry binaryEntry(
            LogEntry e, String next, byte[] blob) {
        return DataHubProtos.BinaryRecordEntry.newBuilder()
                .setCursor(CursorCodec.encode(e.sequence(), e.systemTime()))
                .setNextCursor(next)
                .setSequence(e.sequence())
                .setSystemTime(e.systemTime())
                .setData(ByteString.copyFrom(blob))
                .build();
    }
}
