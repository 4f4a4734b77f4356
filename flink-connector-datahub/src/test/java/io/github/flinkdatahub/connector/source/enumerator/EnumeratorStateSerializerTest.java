package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker.Status;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitFixtures;
import io.github.flinkdatahub.connector.source.split.ShardSplitSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnumeratorStateSerializerTest {
    /**
     * Version 2 layout: discovery flag (1 byte), split version (4), split count (4), first status.
     */
    private static final int FIRST_STATUS_V2 = 9;

    private final EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();

    /** Every status once, every position kind once, parents, stops and a finished split. */
    static Map<String, EnumeratorState> states() {
        Map<String, ShardSplit> splits = ShardSplitFixtures.splits();
        Map<ShardSplit, Status> tracked = new LinkedHashMap<>();
        tracked.put(splits.get("earliest"), Status.UNASSIGNED);
        tracked.put(splits.get("sequence"), Status.ASSIGNED);
        tracked.put(splits.get("timestamp"), Status.FINISHED);
        Map<String, EnumeratorState> m = new LinkedHashMap<>();
        m.put("initial", EnumeratorState.initial());
        m.put("tracking", new EnumeratorState(tracked, true));
        return m;
    }

    static IntStream versions() {
        return IntStream.rangeClosed(1, EnumeratorStateSerializer.CURRENT_VERSION);
    }

    private EnumeratorState roundTrip(EnumeratorState state) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    }

    @Test
    void roundTripKeepsSplitsStatusesAndDiscoveryFlag() throws IOException {
        EnumeratorState state = states().get("tracking");

        EnumeratorState back = roundTrip(state);

        assertThat(back).isEqualTo(state);
        assertThat(back.initialDiscoveryDone()).isTrue();
        assertThat(back.splits()).containsExactlyEntriesOf(state.splits());
    }

    @Test
    void roundTripKeepsEveryStatus() throws IOException {
        ShardSplit split = ShardSplitFixtures.splits().get("sequence");
        for (Status status : Status.values()) {
            EnumeratorState back = roundTrip(new EnumeratorState(Map.of(split, status), false));

            assertThat(back.splits()).containsExactly(Map.entry(split, status));
            assertThat(back.initialDiscoveryDone()).isFalse();
        }
    }

    @Test
    void roundTripOfTheInitialStateIsEmptyAndUndiscovered() throws IOException {
        EnumeratorState back = roundTrip(EnumeratorState.initial());

        assertThat(back.splits()).isEmpty();
        assertThat(back.initialDiscoveryDone()).isFalse();
    }

    @Test
    void roundTripKeepsTheSplitOrder() throws IOException {
        Map<ShardSplit, Status> tracked = new LinkedHashMap<>();
        ShardSplit template = ShardSplitFixtures.splits().get("earliest");
        for (String id : new String[] {"9", "3", "12", "0", "7"}) {
            tracked.put(
                    new ShardSplit(
                            id,
                            template.position(),
                            template.parentShardIds(),
                            template.beginHashKey(),
                            template.endHashKey(),
                            template.stopSequence(),
                            template.stopTimestampMillis(),
                            false),
                    Status.UNASSIGNED);
        }

        EnumeratorState back = roundTrip(new EnumeratorState(tracked, true));

        assertThat(back.splits().keySet())
                .extracting(ShardSplit::splitId)
                .containsExactly("9", "3", "12", "0", "7");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void trailingBytesAreRejectedInEveryVersion(int version) {
        byte[] golden = ShardSplitFixtures.golden(goldenName(version, "tracking"));

        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        version, Arrays.copyOf(golden, golden.length + 2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 trailing bytes")
                .hasMessageContaining("version " + version);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void truncatedBytesAreRejectedInEveryVersion(int version) {
        byte[] golden = ShardSplitFixtures.golden(goldenName(version, "tracking"));

        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        version, Arrays.copyOf(golden, golden.length - 1)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownVersionIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        int next = EnumeratorStateSerializer.CURRENT_VERSION + 1;

        assertThatThrownBy(() -> serializer.deserialize(next, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + next);
        assertThatThrownBy(() -> serializer.deserialize(0, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 0");
    }

    @Test
    void statusesAreWrittenAsFixedCodesNotOrdinals() throws IOException {
        // The codes are the format: changing one would misread every stored state.
        assertThat(EnumeratorStateSerializer.statusCode(Status.UNASSIGNED)).isEqualTo(1);
        assertThat(EnumeratorStateSerializer.statusCode(Status.ASSIGNED)).isEqualTo(2);
        assertThat(EnumeratorStateSerializer.statusCode(Status.FINISHED)).isEqualTo(3);
        assertThat(Arrays.stream(Status.values()).map(EnumeratorStateSerializer::statusCode))
                .as("one code per status")
                .doesNotHaveDuplicates();
        byte[] bytes = serializer.serialize(states().get("tracking"));
        assertThat(bytes[FIRST_STATUS_V2]).as("first split's status").isEqualTo((byte) 1);
    }

    @Test
    void theSplitSerializerVersionIsStoredWithTheSplits() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));

        // Layout: discovery flag (1 byte), then the split serializer's version (4 bytes).
        assertThat(new DataInputDeserializer(bytes, 1, 4).readInt())
                .isEqualTo(ShardSplitSerializer.CURRENT_VERSION);
    }

    @Test
    void splitsAreReadInTheSplitVersionTheStateNames() throws IOException {
        // A version-2 state holding splits of split format version 1, built from that format's
        // golden files.
        Map<ShardSplit, Status> expected = states().get("tracking").splits();
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(true);
        out.writeInt(1);
        out.writeInt(expected.size());
        for (Map.Entry<ShardSplit, Status> e : expected.entrySet()) {
            String fixture = fixtureName(e.getKey());
            byte[] split = ShardSplitFixtures.golden("shard-split-v1-" + fixture + ".bin");
            out.writeByte(EnumeratorStateSerializer.statusCode(e.getValue()));
            out.writeInt(split.length);
            out.write(split);
        }

        EnumeratorState read = serializer.deserialize(2, out.getCopyOfBuffer());

        assertThat(read.splits()).containsExactlyEntriesOf(expected);
        assertThat(read.initialDiscoveryDone()).isTrue();
    }

    @Test
    void unknownSplitVersionInTheStateIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        bytes[4] = 9;

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard split version 9");
    }

    @Test
    void aSplitLengthBeyondTheStateIsRejected() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        // The first split's length follows its status.
        bytes[FIRST_STATUS_V2 + 1] = 0x7f;

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Split 0")
                .hasMessageContaining("bytes");
    }

    @Test
    void aSplitLengthShorterThanTheSplitIsRejected() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        // One byte more than the split: the split serializer finds a trailing byte.
        DataOutputSerializer lengthPatch = new DataOutputSerializer(4);
        int splitLength = new DataInputDeserializer(bytes, FIRST_STATUS_V2 + 1, 4).readInt();
        lengthPatch.writeInt(splitLength + 1);
        System.arraycopy(lengthPatch.getCopyOfBuffer(), 0, bytes, FIRST_STATUS_V2 + 1, 4);

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing bytes after a shard split");
    }

    @Test
    void unknownStatusCodeIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        bytes[FIRST_STATUS_V2] = 9;

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("status code 9")
                .hasMessageContaining("version 2");
        bytes[FIRST_STATUS_V2] = 0;
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .as("0 is no code")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("status code 0");
    }

    @Test
    void unknownStatusOfVersion1IsRejectedNamingIt() {
        byte[] golden = ShardSplitFixtures.golden(goldenName(1, "tracking"));
        // Version 1 layout: discovery flag (1 byte), split count (4 bytes), then the first split's
        // status as its ordinal of that time (UNASSIGNED 0; only 0 to 2 existed).
        assertThat(golden[5]).isEqualTo((byte) 0);
        golden[5] = 3;

        assertThatThrownBy(() -> serializer.deserialize(1, golden))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("status code 3")
                .hasMessageContaining("version 1");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void readsTheGoldenFilesOfEveryVersion(int version) throws IOException {
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            byte[] golden = ShardSplitFixtures.golden(goldenName(version, fixture.getKey()));

            EnumeratorState read = serializer.deserialize(version, golden);

            assertThat(read).as(fixture.getKey()).isEqualTo(fixture.getValue());
            assertThat(read.splits())
                    .as(fixture.getKey())
                    .containsExactlyEntriesOf(fixture.getValue().splits());
        }
    }

    @Test
    void currentVersionWritesExactlyItsGoldenBytes() throws IOException {
        // Fails when the format changes without a version bump: old checkpoints would be misread.
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            byte[] golden =
                    ShardSplitFixtures.golden(
                            goldenName(
                                    EnumeratorStateSerializer.CURRENT_VERSION, fixture.getKey()));

            assertThat(serializer.serialize(fixture.getValue()))
                    .as(fixture.getKey())
                    .isEqualTo(golden);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = ShardSplitFixtures.WRITE_GOLDEN_PROPERTY, matches = "true")
    void writeGoldenFilesOfTheCurrentVersion() throws IOException {
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            ShardSplitFixtures.writeGoldenIfMissing(
                    goldenName(EnumeratorStateSerializer.CURRENT_VERSION, fixture.getKey()),
                    serializer.serialize(fixture.getValue()));
        }
    }

    private static String fixtureName(ShardSplit split) {
        return ShardSplitFixtures.splits().entrySet().stream()
                .filter(e -> e.getValue().equals(split))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static String goldenName(int version, String fixture) {
        return "enumerator-state-v" + version + "-" + fixture + ".bin";
    }
}
