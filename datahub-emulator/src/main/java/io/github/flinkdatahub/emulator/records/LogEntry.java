package io.github.flinkdatahub.emulator.records;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One entry of a shard's record log, i.e. one sequence: a single record (stored as its protobuf
 * {@code RecordEntry}, values already normalised, routing dropped) or a whole batch blob as the
 * writer sent it (batch puts, protocol reference §3.4.6). Immutable.
 *
 * <p>Stored as {@code kind (1 byte) | system time ms (8) | record count (4) | payload}; the
 * sequence is the map key, not part of the bytes.
 */
public final class LogEntry {
    /** How the payload is encoded. */
    public enum Kind {
        /** A protobuf {@code RecordEntry} holding one record. */
        RECORD((byte) 1),
        /** A batch blob (header version 0) holding {@link #recordCount()} records. */
        BATCH((byte) 2);

        private final byte code;

        Kind(byte code) {
            this.code = code;
        }

        static Kind of(byte code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalStateException("Corrupt record log: unknown entry kind " + code);
        }
    }

    private static final int HEADER_SIZE = 1 + 8 + 4;

    private final Kind kind;
    private final long sequence;
    private final long systemTime;
    private final int recordCount;
    private final byte[] payload;

    private LogEntry(Kind kind, long sequence, long systemTime, int recordCount, byte[] payload) {
        this.kind = kind;
        this.sequence = sequence;
        this.systemTime = systemTime;
        this.recordCount = recordCount;
        this.payload = payload;
    }

    /**
     * A single record not yet in a log; {@code recordEntry} is a serialised protobuf RecordEntry.
     */
    public static LogEntry record(byte[] recordEntry) {
        return new LogEntry(Kind.RECORD, -1, -1, 1, recordEntry);
    }

    /** A batch blob of {@code recordCount} records not yet in a log. */
    public static LogEntry batch(byte[] blob, int recordCount) {
        return new LogEntry(Kind.BATCH, -1, -1, recordCount, blob);
    }

    /** This entry placed in a log. */
    LogEntry at(long sequence, long systemTime) {
        return new LogEntry(kind, sequence, systemTime, recordCount, payload);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(HEADER_SIZE + payload.length)
                .put(kind.code)
                .putLong(systemTime)
                .putInt(recordCount)
                .put(payload)
                .array();
    }

    static LogEntry fromBytes(long sequence, byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        Kind kind = Kind.of(b.get());
        long time = b.getLong();
        int count = b.getInt();
        return new LogEntry(
                kind,
                sequence,
                time,
                count,
                Arrays.copyOfRange(stored, HEADER_SIZE, stored.length));
    }

    /** The system time stored in an entry's bytes, without copying the payload. */
    static long systemTimeOf(byte[] stored) {
        return ByteBuffer.wrap(stored, 1, 8).getLong();
    }

    public Kind kind() {
        return kind;
    }

    /** Position in the shard; -1 before the entry is appended. */
    public long sequence() {
        return sequence;
    }

    /** Data-clock time (ms) the entry was appended; -1 before. */
    public long systemTime() {
        return systemTime;
    }

    public int recordCount() {
        return recordCount;
    }

    /** The RecordEntry or blob bytes; callers must not modify them. */
    public byte[] payload() {
        return payload;
    }

    /** Bytes the entry occupies in the store, as metered. */
    public int storedSize() {
        return HEADER_SIZE + payload.length;
    }

    @Override
    public String toString() {
        return "LogEntry{"
                + kind
                + ", sequence="
                + sequence
                + ", systemTime="
                + systemTime
                + ", records="
                + recordCount
                + ", "
                + payload.length
                + " bytes}";
    }
}
