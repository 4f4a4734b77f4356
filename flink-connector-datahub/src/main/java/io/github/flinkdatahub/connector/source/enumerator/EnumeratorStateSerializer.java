package io.github.flinkdatahub.connector.source.enumerator;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versioned checkpoint format of the {@link EnumeratorState}. Version 1: initial-discovery flag,
 * split count, then per split its status and the split in {@link ShardSplitSerializer} version 1.
 * Trailing bytes are rejected.
 */
@Internal
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {
    public static final int CURRENT_VERSION = 1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.initialDiscoveryDone());
        out.writeInt(state.splits().size());
        for (Map.Entry<ShardSplit, SplitTracker.Status> e : state.splits().entrySet()) {
            out.writeByte(e.getValue().ordinal());
            ShardSplitSerializer.write(e.getKey(), out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown DataHub enumerator state version " + version + "; this connector reads version 1");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        boolean initialDone = in.readBoolean();
        int n = in.readInt();
        Map<ShardSplit, SplitTracker.Status> splits = new LinkedHashMap<>();
        SplitTracker.Status[] statuses = SplitTracker.Status.values();
        for (int i = 0; i < n; i++) {
            int status = in.readByte();
            if (status < 0 || status >= statuses.length) {
                throw new IOException("Unknown split status " + status);
            }
            splits.put(ShardSplitSerializer.read(1, in), statuses[status]);
        }
        if (in.available() > 0) {
            throw new IOException("Unexpected " + in.available() + " trailing bytes after the enumerator state");
        }
        return new EnumeratorState(splits, initialDone);
    }
}
