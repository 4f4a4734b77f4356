package io.github.flinkdatahub.connector.source.enumerator;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker.Status;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitFixtures;

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
            tracked.put(new ShardSplit(id, template.position(), template.parentShardIds(), template.beginHashKey(),
                    template.endHashKey(), template.stopSequence(), template.stopTimestampMillis(), false),
                    Status.UNASSIGNED);
        }

        EnumeratorState back = roundTrip(new EnumeratorState(tracked, true));

        assertThat(back.splits().keySet()).extracting(ShardSplit::splitId).containsExactly("9", "3", "12", "0", "7");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));

        assertThatThrownBy(() -> serializer.deserialize(1, Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(IOException.class).hasMessageContaining("2 trailing bytes");
    }

    @Test
    void truncatedBytesAreRejected() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));

        assertThatThrownBy(() -> serializer.deserialize(1, Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownVersionIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        int next = EnumeratorStateSerializer.CURRENT_VERSION + 1;

        assertThatThrownBy(() -> serializer.deserialize(next, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("version " + next);
        assertThatThrownBy(() -> serializer.deserialize(0, bytes)).isInstanceOf(IOException.class);
    }

    @Test
    void unknownStatusIsRejected() throws IOException {
        byte[] bytes = serializer.serialize(states().get("tracking"));
        // Layout: discovery flag (1 byte), split count (4 bytes), then the first split's status.
        assertThat(bytes[5]).isEqualTo((byte) Status.UNASSIGNED.ordinal());
        bytes[5] = 3;

        assertThatThrownBy(() -> serializer.deserialize(1, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("status 3");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void readsTheGoldenFilesOfEveryVersion(int version) throws IOException {
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            byte[] golden = ShardSplitFixtures.golden(goldenName(version, fixture.getKey()));

            EnumeratorState read = serializer.deserialize(version, golden);

            assertThat(read).as(fixture.getKey()).isEqualTo(fixture.getValue());
            assertThat(read.splits()).as(fixture.getKey()).containsExactlyEntriesOf(fixture.getValue().splits());
        }
    }

    @Test
    void currentVersionWritesExactlyItsGoldenBytes() throws IOException {
        // Fails when the format changes without a version bump: old checkpoints would be misread.
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            byte[] golden = ShardSplitFixtures.golden(goldenName(EnumeratorStateSerializer.CURRENT_VERSION,
                    fixture.getKey()));

            assertThat(serializer.serialize(fixture.getValue())).as(fixture.getKey()).isEqualTo(golden);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = ShardSplitFixtures.WRITE_GOLDEN_PROPERTY, matches = "true")
    void writeGoldenFilesOfTheCurrentVersion() throws IOException {
        for (Map.Entry<String, EnumeratorState> fixture : states().entrySet()) {
            ShardSplitFixtures.writeGoldenIfMissing(goldenName(EnumeratorStateSerializer.CURRENT_VERSION,
                    fixture.getKey()), serializer.serialize(fixture.getValue()));
        }
    }

    private static String goldenName(int version, String fixture) {
        return "enumerator-state-v" + version + "-" + fixture + ".bin";
    }
}
