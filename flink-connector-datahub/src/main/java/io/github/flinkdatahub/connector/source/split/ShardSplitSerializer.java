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
 * Versioned checkpoint format of {@link ShardSplit}s. Version 1: shard id, position (kind,
 * sequence, skip, timestamp), parent ids, hash range, stop sequence and time, finished flag.
 * Trailing bytes are rejected so a format mix-up fails loudly.
 */
@Internal
public final class ShardSplitSerializer implements SimpleVersionedSerializer<ShardSplit> {
    public static final ShardSplitSerializer INSTANCE = new ShardSplitSerializer();
    public static final int CURRENT_VERSION = 1;

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
            throw new IOException("Unexpected " + in.available() + " trailing bytes after a shard split (version "
                    + version + ")");
        }
        return split;
    }

    /** Writes one split in the current version (also used inside the enumerator state). */
    public static void write(ShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.shardId());
        ShardPosition p = split.position();
        out.writeByte(p.kind().ordinal());
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

    public static ShardSplit read(int version, DataInputView in) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown shard split version " + version + "; this connector reads version 1");
        }
        String shardId = in.readUTF();
        int kindOrdinal = in.readByte();
        long sequence = in.readLong();
        int skip = in.readInt();
        long timestamp = in.readLong();
        ShardPosition position;
        if (kindOrdinal == ShardPosition.Kind.SEQUENCE.ordinal()) {
            position = ShardPosition.sequence(sequence, skip);
        } else if (kindOrdinal == ShardPosition.Kind.TIMESTAMP.ordinal()) {
            position = ShardPosition.timestamp(timestamp);
        } else if (kindOrdinal == ShardPosition.Kind.EARLIEST.ordinal()) {
            position = ShardPosition.earliest();
        } else {
            throw new IOException("Unknown shard position kind " + kindOrdinal);
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
        return new ShardSplit(shardId, position, parentIds, begin, end, stopSequence, stopTimestamp, finished);
    }
}
