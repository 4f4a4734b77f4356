package io.github.flinkdatahub.client.protocol.protobuf;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufReader.MalformedProtobufException;

import java.util.List;

/**
 * The top-level fields {@code GetRecordsResponse} and {@code GetBinaryRecordsResponse} share
 * (datahub.proto): next cursor, record count, start and latest sequence, latest time. Their entries
 * (field 4) differ and are read in place by the caller. As with the generated messages, unknown
 * fields are skipped, and a malformed message or a missing next_cursor or record_count is a {@link
 * CorruptedResponseException} naming the message.
 */
@Internal
public final class GetRecordsEnvelope {

    /** Reads one entry; the reader stands at the entry's length. */
    @FunctionalInterface
    public interface EntryReader {
        void read(ProtobufReader in);
    }

    private final String message;
    private final int length;
    private String nextCursor;
    private int recordCount;
    private boolean hasRecordCount;
    private long startSequence;
    private long latestSequence = -1;
    private long latestTime = -1;

    private GetRecordsEnvelope(String message, int length) {
        this.message = message;
        this.length = length;
    }

    /**
     * Reads the whole message from {@code in} ({@code length} bytes), entries through the caller.
     */
    public static GetRecordsEnvelope read(
            ProtobufReader in, String message, int length, EntryReader entries) {
        GetRecordsEnvelope e = new GetRecordsEnvelope(message, length);
        try {
            while (in.hasMore()) {
                int tag = in.readTag();
                switch (tag) {
                    case 1 << 3 | ProtobufReader.LENGTH_DELIMITED:
                        e.nextCursor = in.readString();
                        break;
                    case 2 << 3 | ProtobufReader.VARINT:
                        e.recordCount = (int) in.readVarint();
                        e.hasRecordCount = true;
                        break;
                    case 3 << 3 | ProtobufReader.VARINT:
                        e.startSequence = in.readVarint();
                        break;
                    case 4 << 3 | ProtobufReader.LENGTH_DELIMITED:
                        entries.read(in);
                        break;
                    case 5 << 3 | ProtobufReader.VARINT:
                        e.latestSequence = in.readVarint();
                        break;
                    case 6 << 3 | ProtobufReader.VARINT:
                        e.latestTime = in.readVarint();
                        break;
                    default:
                        in.skipField(tag);
                }
            }
        } catch (MalformedProtobufException malformed) {
            throw e.corrupted(malformed.getMessage());
        }
        if (e.nextCursor == null || !e.hasRecordCount) {
            throw e.corrupted(
                    "Message missing required fields: "
                            + (e.nextCursor == null
                                    ? e.hasRecordCount ? "next_cursor" : "next_cursor, record_count"
                                    : "record_count"));
        }
        return e;
    }

    /** The answer with these fields and {@code records}. */
    public GetRecordsResult result(List<Record> records) {
        return new GetRecordsResult(
                nextCursor, recordCount, startSequence, latestSequence, latestTime, records);
    }

    /** A fault of this message, e.g. in an entry the caller reads. */
    public CorruptedResponseException corrupted(String detail) {
        return corrupted(message, length, detail);
    }

    static CorruptedResponseException corrupted(String message, int length, String detail) {
        return new CorruptedResponseException(
                "Payload of " + length + " bytes is not a valid " + message + ": " + detail);
    }
}
