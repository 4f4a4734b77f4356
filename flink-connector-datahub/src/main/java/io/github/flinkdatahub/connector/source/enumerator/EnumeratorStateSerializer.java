package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitSerializer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versioned checkpoint format of the {@link EnumeratorState}; stored in Flink state (checkpoints
 * and savepoints of the source coordinator), so every version ever written must stay readable.
 *
 * <p>Version 2: initial-discovery flag, the {@link ShardSplitSerializer} version the splits are
 * written in, split count, then per split its status as an explicit code ({@link #statusCode}) and
 * the split's length-prefixed bytes. Storing the split version lets the split format evolve without
 * a new version of this one.
 *
 * <p>Version 1: initial-discovery flag, split count, then per split the status's ordinal of that
 * time (UNASSIGNED 0, ASSIGNED 1, FINISHED 2, read through a frozen table) and the split inline in
 * split format version 1.
 *
 * <p>Trailing bytes, unknown codes and unknown versions are rejected, naming what was found.
 */
@Internal
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {
    public static final int CURRENT_VERSION = 2;

    /** Version 1 stored {@code Status.ordinal()}; these were the ordinals then. Never change. */
    private static final SplitTracker.Status[] V1_STATUSES = {
        SplitTracker.Status.UNASSIGNED, SplitTracker.Status.ASSIGNED, SplitTracker.Status.FINISHED
    };

    private final SimpleVersionedSerializer<ShardSplit> splitSerializer =
            ShardSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.initialDiscoveryDone());
        out.writeInt(splitSerializer.getVersion());
        out.writeInt(state.splits().size());
        for (Map.Entry<ShardSplit, SplitTracker.Status> e : state.splits().entrySet()) {
            out.writeByte(statusCode(e.getValue()));
            byte[] split = splitSerializer.serialize(e.getKey());
            out.writeInt(split.length);
            out.write(split);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        EnumeratorState state;
        if (version == 1) {
            state = readV1(in);
        } else if (version == 2) {
            state = readV2(in);
        } else {
            throw new IOException(
                    "Unknown DataHub enumerator state version "
                            + version
                            + "; this connector reads versions 1 to "
                            + CURRENT_VERSION);
        }
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected "
                            + in.available()
                            + " trailing bytes after the enumerator state"
                            + " (version "
                            + version
                            + ")");
        }
        return state;
    }

    private EnumeratorState readV2(DataInputDeserializer in) throws IOException {
        boolean initialDone = in.readBoolean();
        int splitVersion = in.readInt();
        int n = in.readInt();
        Map<ShardSplit, SplitTracker.Status> splits = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            SplitTracker.Status status = statusOfCode(2, in.readUnsignedByte());
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException(
                        "Split "
                                + i
                                + " of the enumerator state claims "
                                + length
                                + " bytes, "
                                + in.available()
                                + " are left");
            }
            byte[] split = new byte[length];
            in.readFully(split);
            splits.put(splitSerializer.deserialize(splitVersion, split), status);
        }
        return new EnumeratorState(splits, initialDone);
    }

    private static EnumeratorState readV1(DataInputDeserializer in) throws IOException {
        boolean initialDone = in.readBoolean();
        int n = in.readInt();
        Map<ShardSplit, SplitTracker.Status> splits = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int status = in.readUnsignedByte();
            if (status >= V1_STATUSES.length) {
                throw new IOException(
                        "Unknown split status code "
                                + status
                                + " in an enumerator state of version 1");
            }
            splits.put(ShardSplitSerializer.read(1, in), V1_STATUSES[status]);
        }
        return new EnumeratorState(splits, initialDone);
    }

    /**
     * The code of a split status in version 2 and later. Codes are part of the format: a new status
     * gets a new code, an existing code is never reused or changed. 0 is never a code, so zeroed
     * bytes are rejected.
     */
    static int statusCode(SplitTracker.Status status) {
        switch (status) {
            case UNASSIGNED:
                return 1;
            case ASSIGNED:
                return 2;
            case FINISHED:
                return 3;
            default:
                throw new IllegalArgumentException("No format code for split status " + status);
        }
    }

    private static SplitTracker.Status statusOfCode(int version, int code) throws IOException {
        for (SplitTracker.Status status : SplitTracker.Status.values()) {
            if (statusCode(status) == code) {
                return status;
            }
        }
        throw new IOException(
                "Unknown split status code "
                        + code
                        + " in an enumerator state of version "
                        + version);
    }
}
