package io.github.flinkdatahub.connector.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned checkpoint format of {@link ShardSplit}s; stored in Flink state (readers' split state,
 * and inside the enumerator state), so every version ever written must stay readable. Layout of
 * versions 1 and 2: shard id, position (kind, sequence, skip, timestamp), parent ids, hash range,
 * stop sequence and time, finished flag. The position kind is a code that never changes: version 2
 * writes the explicit codes of {@link #kindCode}; version 1 wrote the kind's ordinal of that time
 * (EARLIEST 0, SEQUENCE 1, TIMESTAMP 2), read through a frozen table. Trailing bytes are rejected
 * so a format mix-up fails loudly.
 */
@Internal
public final class ShardSplitSerializer implements SimpleVersionedSerializer<ShardSplit> {
    public static final ShardSplitSerializer INSTANCE = new ShardSplitSerializer();
    public static final int CURRENT_VERSION = 2;

    /** Version 1 stored {@code Kind.ordinal()}; these were the ordinals then. Never change. */
    private static final ShardPosition.Kind[] V1_KINDS = {
        ShardPosition.Kind.EARLIEST, ShardPosition.Kind.SEQUENCE, ShardPosition.Kind.TIMESTAMP
    };

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public ShardSplit deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        ShardSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected "
                            + in.available()
                            + " trailing bytes after a shard split (version "
                            + version
                            + ")");
        }
        return split;
    }

    /**
     * The code of a position kind in version 2 and later. Codes are part of the format: a new kind
     * gets a new code, an existing code is never reused or changed. 0 is never a code, so zeroed
     * bytes are rejected.
     */
    static int kindCode(ShardPosition.Kind kind) {
        switch (kind) {
            case EARLIEST:
                return 1;
            case SEQUENCE:
                return 2;
            case TIMESTAMP:
                return 3;
            default:
                throw new IllegalArgumentException(
                        "No format code for shard position kind " + kind);
        }
    }

    private static ShardPosition.Kind kindOfCode(int version, int code) throws IOException {
        if (version == 1) {
            if (code >= 0 && code < V1_KINDS.length) {
                return V1_KINDS[code];
            }
        } else {
            for (ShardPosition.Kind kind : ShardPosition.Kind.values()) {
                if (kindCode(kind) == code) {
                    return kind;
                }
            }
        }
        throw new IOException(
                "Unknown shard position kind code "
                        + code
                        + " in a shard split of version "
                        + version);
    }

    private static void write(ShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.shardId());
        ShardPosition p = split.position();
        out.writeByte(kindCode(p.kind()));
        out.writeLong(p.sequence());
        out.writeInt(p.skip());
        out.writeLong(p.timestampMillis());
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
        out.writeUTF(split.beginHashKey());
        out.writeUTF(split.endHashKey());
        out.writeLong(split.stopSequence());
        out.writeLong(split.stopTimestampMillis());
        out.writeBoolean(split.isFinished());
    }

    /**
     * Reads one split of {@code version} from {@code in}, leaving what follows it (version 1 of the
     * enumerator state stores its splits inline).
     */
    public static ShardSplit read(int version, DataInputView in) throws IOException {
        if (version < 1 || version > CURRENT_VERSION) {
            throw new IOException(
                    "Unknown shard split version "
                            + version
                            + "; this connector reads versions 1 to "
                            + CURRENT_VERSION);
        }
        String shardId = in.readUTF();
        ShardPosition.Kind kind = kindOfCode(version, in.readUnsignedByte());
        long sequence = in.readLong();
        int skip = in.readInt();
        long timestamp = in.readLong();
        ShardPosition position;
        switch (kind) {
            case SEQUENCE:
                position = ShardPosition.sequence(sequence, skip);
                break;
            case TIMESTAMP:
                position = ShardPosition.timestamp(timestamp);
                break;
            case EARLIEST:
                position = ShardPosition.earliest();
                break;
            default:
                throw new IOException("Shard position kind " + kind + " has no reader");
        }
        int parents = in.readInt();
        List<String> parentIds = new ArrayList<>(parents);
        for (int i = 0; i < parents; i++) {
            parentIds.add(in.readUTF());
        }
        String begin = in.readUTF();
        String end = in.readUTF();
        long stopSequence = in.readLong();
        long stopTimestamp = in.readLong();
        boolean finished = in.readBoolean();
        return new ShardSplit(
                shardId, position, parentIds, begin, end, stopSequence, stopTimestamp, finished);
    }
}
