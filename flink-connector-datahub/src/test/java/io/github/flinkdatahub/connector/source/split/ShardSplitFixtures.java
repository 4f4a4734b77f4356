package io.github.flinkdatahub.connector.source.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits covering every field of the checkpoint format, and the golden byte files that old versions
 * wrote for them ({@code src/test/resources/serializer-golden/}). Golden files are written once per
 * format version and never regenerated: they stand for checkpoints that exist in the wild.
 */
public final class ShardSplitFixtures {
    public static final String GOLDEN_DIR = "serializer-golden";

    /**
     * Set to true to write the golden files of the current versions (only when bumping a version).
     */
    public static final String WRITE_GOLDEN_PROPERTY = "serializer.golden.write";

    private ShardSplitFixtures() {}

    /** One split per position kind; between them parents, both stops and the finished flag. */
    public static Map<String, ShardSplit> splits() {
        Map<String, ShardSplit> m = new LinkedHashMap<>();
        m.put(
                "earliest",
                new ShardSplit(
                        "0",
                        ShardPosition.earliest(),
                        List.of(),
                        "00000000000000000000000000000000",
                        "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false));
        m.put(
                "sequence",
                new ShardSplit(
                        "5",
                        ShardPosition.sequence(123_456_789_012L, 7),
                        List.of("1", "2"),
                        "40000000000000000000000000000000",
                        "C0000000000000000000000000000000",
                        200_000_000_000L,
                        ShardSplit.NO_STOP,
                        false));
        m.put(
                "timestamp",
                new ShardSplit(
                        "3",
                        ShardPosition.timestamp(1_700_000_000_123L),
                        List.of("0"),
                        "00000000000000000000000000000000",
                        "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        1_700_000_999_000L,
                        true));
        return m;
    }

    public static byte[] golden(String fileName) {
        try (InputStream in =
                ShardSplitFixtures.class.getResourceAsStream("/" + GOLDEN_DIR + "/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Golden file "
                                + GOLDEN_DIR
                                + "/"
                                + fileName
                                + " is missing from the"
                                + " test resources; write it with -D"
                                + WRITE_GOLDEN_PROPERTY
                                + "=true (new versions only; the run"
                                + " that writes the files cannot read them yet, so run the tests once more)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a golden file into the module's test resources unless it exists: files of a version,
     * once written, stand for real checkpoints and must never change.
     */
    public static void writeGoldenIfMissing(String fileName, byte[] bytes) throws IOException {
        Path file = Paths.get("src", "test", "resources", GOLDEN_DIR, fileName);
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
