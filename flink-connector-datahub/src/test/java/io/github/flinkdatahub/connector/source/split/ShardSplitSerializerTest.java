package io.github.flinkdatahub.connector.source.split;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardSplitSerializerTest {
    private final ShardSplitSerializer serializer = ShardSplitSerializer.INSTANCE;

    private ShardSplit roundTrip(ShardSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }

    static Stream<String> fixtureNames() {
        return ShardSplitFixtures.splits().keySet().stream();
    }

    static IntStream versions() {
        return IntStream.rangeClosed(1, ShardSplitSerializer.CURRENT_VERSION);
    }

    @ParameterizedTest
    @MethodSource("fixtureNames")
    void roundTripKeepsEveryField(String name) throws IOException {
        ShardSplit split = ShardSplitFixtures.splits().get(name);

        ShardSplit back = roundTrip(split);

        assertThat(back).isEqualTo(split);
        assertThat(back.position()).isEqualTo(split.position());
        assertThat(back.parentShardIds()).isEqualTo(split.parentShardIds());
        assertThat(back.beginHashKey()).isEqualTo(split.beginHashKey());
        assertThat(back.endHashKey()).isEqualTo(split.endHashKey());
        assertThat(back.stopSequence()).isEqualTo(split.stopSequence());
        assertThat(back.stopTimestampMillis()).isEqualTo(split.stopTimestampMillis());
        assertThat(back.isFinished()).isEqualTo(split.isFinished());
    }

    @Test
    void roundTripKeepsEveryPositionKind() throws IOException {
        ShardSplit base = ShardSplitFixtures.splits().get("earliest");
        List<ShardPosition> positions =
                List.of(
                        ShardPosition.earliest(),
                        ShardPosition.sequence(0, 0),
                        ShardPosition.sequence(Long.MAX_VALUE - 1, Integer.MAX_VALUE),
                        ShardPosition.timestamp(0),
                        ShardPosition.timestamp(1_700_000_000_000L));
        for (ShardPosition p : positions) {
            assertThat(roundTrip(base.withPosition(p)).position()).isEqualTo(p);
        }
        assertThat(ShardPosition.Kind.values())
                .as("a new kind needs a case here and in the serializer")
                .containsExactly(
                        ShardPosition.Kind.EARLIEST,
                        ShardPosition.Kind.SEQUENCE,
                        ShardPosition.Kind.TIMESTAMP);
    }

    @Test
    void roundTripKeepsManyParentsAndNonAsciiIds() throws IOException {
        ShardSplit split =
                new ShardSplit(
                        "分片-7",
                        ShardPosition.sequence(3, 1),
                        List.of("4", "5", "6", "ü"),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        9,
                        10,
                        true);

        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripKeepsTheFinishedFlagBothWays() throws IOException {
        ShardSplit open = ShardSplitFixtures.splits().get("sequence");

        assertThat(roundTrip(open).isFinished()).isFalse();
        assertThat(roundTrip(open.asFinished()).isFinished()).isTrue();
        assertThat(roundTrip(open.asFinished())).isEqualTo(open.asFinished());
    }

    @Test
    void unboundedSplitStaysUnbounded() throws IOException {
        ShardSplit split = ShardSplitFixtures.splits().get("earliest");

        ShardSplit back = roundTrip(split);

        assertThat(back.isBounded()).isFalse();
        assertThat(back.stopSequence()).isEqualTo(ShardSplit.NO_STOP);
        assertThat(back.stopTimestampMillis()).isEqualTo(ShardSplit.NO_STOP);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void trailingBytesAreRejectedInEveryVersion(int version) {
        byte[] golden = ShardSplitFixtures.golden(goldenName(version, "sequence"));
        byte[] longer = Arrays.copyOf(golden, golden.length + 1);

        assertThatThrownBy(() -> serializer.deserialize(version, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing bytes")
                .hasMessageContaining("version " + version);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void truncatedBytesAreRejectedInEveryVersion(int version) {
        byte[] golden = ShardSplitFixtures.golden(goldenName(version, "sequence"));

        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        version, Arrays.copyOf(golden, golden.length - 1)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownVersionIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(ShardSplitFixtures.splits().get("sequence"));

        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        ShardSplitSerializer.CURRENT_VERSION + 1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + (ShardSplitSerializer.CURRENT_VERSION + 1));
        assertThatThrownBy(() -> serializer.deserialize(0, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 0");
    }

    @Test
    void positionKindsAreWrittenAsFixedCodesNotOrdinals() throws IOException {
        // The codes are the format: changing one would misread every stored split.
        assertThat(ShardSplitSerializer.kindCode(ShardPosition.Kind.EARLIEST)).isEqualTo(1);
        assertThat(ShardSplitSerializer.kindCode(ShardPosition.Kind.SEQUENCE)).isEqualTo(2);
        assertThat(ShardSplitSerializer.kindCode(ShardPosition.Kind.TIMESTAMP)).isEqualTo(3);
        assertThat(Arrays.stream(ShardPosition.Kind.values()).map(ShardSplitSerializer::kindCode))
                .as("one code per kind")
                .doesNotHaveDuplicates();
        byte[] bytes = serializer.serialize(ShardSplitFixtures.splits().get("sequence"));
        // The kind byte follows the shard id, written as a 2-byte length and "5".
        assertThat(bytes[3]).isEqualTo((byte) 2);
    }

    @Test
    void unknownPositionKindCodeIsRejectedNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(ShardSplitFixtures.splits().get("sequence"));
        bytes[3] = 9;

        assertThatThrownBy(
                        () -> serializer.deserialize(ShardSplitSerializer.CURRENT_VERSION, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("position kind code 9");
        bytes[3] = 0;
        assertThatThrownBy(
                        () -> serializer.deserialize(ShardSplitSerializer.CURRENT_VERSION, bytes))
                .as("0 is no code")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("position kind code 0");
    }

    @Test
    void unknownPositionKindOfVersion1IsRejectedNamingIt() {
        byte[] golden = ShardSplitFixtures.golden(goldenName(1, "sequence"));
        // Version 1 wrote the ordinal: SEQUENCE was 1, and only 0 to 2 existed.
        assertThat(golden[3]).isEqualTo((byte) 1);
        golden[3] = 3;

        assertThatThrownBy(() -> serializer.deserialize(1, golden))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("position kind code 3")
                .hasMessageContaining("version 1");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void readsTheGoldenFilesOfEveryVersion(int version) throws IOException {
        for (Map.Entry<String, ShardSplit> fixture : ShardSplitFixtures.splits().entrySet()) {
            byte[] golden = ShardSplitFixtures.golden(goldenName(version, fixture.getKey()));

            assertThat(serializer.deserialize(version, golden))
                    .as(fixture.getKey())
                    .isEqualTo(fixture.getValue());
        }
    }

    @Test
    void currentVersionWritesExactlyItsGoldenBytes() throws IOException {
        // Fails when the format changes without a version bump: old checkpoints would be misread.
        for (Map.Entry<String, ShardSplit> fixture : ShardSplitFixtures.splits().entrySet()) {
            byte[] golden =
                    ShardSplitFixtures.golden(
                            goldenName(ShardSplitSerializer.CURRENT_VERSION, fixture.getKey()));

            assertThat(serializer.serialize(fixture.getValue()))
                    .as(fixture.getKey())
                    .isEqualTo(golden);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = ShardSplitFixtures.WRITE_GOLDEN_PROPERTY, matches = "true")
    void writeGoldenFilesOfTheCurrentVersion() throws IOException {
        for (Map.Entry<String, ShardSplit> fixture : ShardSplitFixtures.splits().entrySet()) {
            ShardSplitFixtures.writeGoldenIfMissing(
                    goldenName(ShardSplitSerializer.CURRENT_VERSION, fixture.getKey()),
                    serializer.serialize(fixture.getValue()));
        }
    }

    private static String goldenName(int version, String fixture) {
        return "shard-split-v" + version + "-" + fixture + ".bin";
    }
}
