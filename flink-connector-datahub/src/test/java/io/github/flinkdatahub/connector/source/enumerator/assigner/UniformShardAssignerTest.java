package io.github.flinkdatahub.connector.source.enumerator.assigner;

import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UniformShardAssignerTest {
    private static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);
    private static final String MAX_KEY = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    private final ShardAssigner assigner = ShardAssigner.uniform();

    private static String key(BigInteger k) {
        return String.format(Locale.ROOT, "%032X", k);
    }

    /**
     * Begin key of shard {@code i} of {@code n} evenly spread shards, as the service creates them.
     */
    private static BigInteger boundary(int i, int n) {
        return KEY_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n));
    }

    private static ShardSplit shard(String id, BigInteger begin, BigInteger end) {
        return shard(id, key(begin), end.equals(KEY_SPACE) ? MAX_KEY : key(end));
    }

    private static ShardSplit shard(String id, String begin, String end) {
        return new ShardSplit(
                id,
                ShardPosition.earliest(),
                List.of(),
                begin,
                end,
                ShardSplit.NO_STOP,
                ShardSplit.NO_STOP,
                false);
    }

    /** {@code n} evenly split shards; the last ends at FF..FF as on the service. */
    private static List<ShardSplit> evenShards(int n) {
        List<ShardSplit> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(shard(String.valueOf(i), boundary(i, n), boundary(i + 1, n)));
        }
        return shards;
    }

    private Map<Integer, Integer> shardsPerReader(List<ShardSplit> shards, int parallelism) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int r = 0; r < parallelism; r++) {
            counts.put(r, 0);
        }
        for (ShardSplit s : shards) {
            counts.merge(assigner.assign(s, parallelism), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void spreadsEvenlySplitShardsOverReadersWithAtMostOneShardDifference() {
        for (int shards = 1; shards <= 40; shards++) {
            for (int parallelism = 1; parallelism <= 16; parallelism++) {
                Map<Integer, Integer> counts = shardsPerReader(evenShards(shards), parallelism);
                int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
                int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertThat(max - min)
                        .as("%s shards over %s readers: %s", shards, parallelism, counts)
                        .isLessThanOrEqualTo(1);
                assertThat(counts)
                        .as("%s shards over %s readers", shards, parallelism)
                        .hasSize(parallelism);
            }
        }
    }

    @Test
    void oneShardPerReaderGoesToTheReaderWithItsIndex() {
        List<ShardSplit> shards = evenShards(8);
        for (int i = 0; i < 8; i++) {
            assertThat(assigner.assign(shards.get(i), 8)).isEqualTo(i);
        }
    }

    @Test
    void childrenOfASplitStayOnTheReaderOfTheirParentWhenEachReaderOwnsWholeShards() {
        int parallelism = 4;
        List<ShardSplit> shards = evenShards(parallelism);
        for (ShardSplit parent : shards) {
            BigInteger begin = new BigInteger(parent.beginHashKey(), 16);
            BigInteger end = new BigInteger(parent.endHashKey(), 16);
            BigInteger mid = begin.add(end).shiftRight(1);
            ShardSplit left = shard(parent.shardId() + "L", begin, mid);
            ShardSplit right = shard(parent.shardId() + "R", mid, end);

            int parentReader = assigner.assign(parent, parallelism);
            assertThat(assigner.assign(left, parallelism)).isEqualTo(parentReader);
            assertThat(assigner.assign(right, parallelism)).isEqualTo(parentReader);
        }
    }

    @Test
    void childrenOfASplitLandOnTheReadersOwningTheirHalves() {
        // 2 shards over 4 readers: shard 0 covers the key space of readers 0 and 1.
        List<ShardSplit> shards = evenShards(2);
        ShardSplit left = shard("2", boundary(0, 4), boundary(1, 4));
        ShardSplit right = shard("3", boundary(1, 4), boundary(2, 4));

        assertThat(assigner.assign(shards.get(0), 4)).isEqualTo(1);
        assertThat(assigner.assign(left, 4)).isEqualTo(0);
        assertThat(assigner.assign(right, 4)).isEqualTo(1);
    }

    @Test
    void childrenOfRepeatedSplitsKeepTheOpenShardsEvenlySpread() {
        // Split every shard of 4 in the middle: 8 open shards over 4 readers, 2 each.
        List<ShardSplit> open = new ArrayList<>();
        for (ShardSplit parent : evenShards(4)) {
            BigInteger begin = new BigInteger(parent.beginHashKey(), 16);
            BigInteger end =
                    parent.endHashKey().equals(MAX_KEY)
                            ? KEY_SPACE
                            : new BigInteger(parent.endHashKey(), 16);
            BigInteger mid = begin.add(end).shiftRight(1);
            open.add(shard(parent.shardId() + "L", begin, mid));
            open.add(shard(parent.shardId() + "R", mid, end));
        }

        assertThat(shardsPerReader(open, 4))
                .containsOnly(Map.entry(0, 2), Map.entry(1, 2), Map.entry(2, 2), Map.entry(3, 2));
    }

    @Test
    void childOfAMergeLandsOnTheReaderOfOneOfItsParents() {
        List<ShardSplit> shards = evenShards(4);
        for (int i = 0; i + 1 < 4; i++) {
            ShardSplit merged =
                    shard("m" + i, shards.get(i).beginHashKey(), shards.get(i + 1).endHashKey());
            assertThat(assigner.assign(merged, 4)).isBetween(i, i + 1);
        }
    }

    @Test
    void resultIsAlwaysAValidReaderIndex() {
        List<ShardSplit> edges =
                List.of(
                        shard("full", "00000000000000000000000000000000", MAX_KEY),
                        shard(
                                "bottom",
                                "00000000000000000000000000000000",
                                "00000000000000000000000000000001"),
                        shard("top", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE", MAX_KEY),
                        shard("point-top", MAX_KEY, MAX_KEY),
                        shard(
                                "point-bottom",
                                "00000000000000000000000000000000",
                                "00000000000000000000000000000000"),
                        shard(
                                "lower-case",
                                "7fffffffffffffffffffffffffffffff",
                                "ffffffffffffffffffffffffffffffff"));
        for (int parallelism : new int[] {1, 2, 3, 7, 64, 1000, Integer.MAX_VALUE}) {
            for (ShardSplit s : edges) {
                assertThat(assigner.assign(s, parallelism))
                        .as("%s over %s readers", s.shardId(), parallelism)
                        .isBetween(0, parallelism - 1);
            }
        }
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            BigInteger a = new BigInteger(128, random);
            BigInteger b = new BigInteger(128, random);
            ShardSplit s = shard("r" + n, key(a.min(b)), key(a.max(b)));
            int parallelism = 1 + random.nextInt(300);
            assertThat(assigner.assign(s, parallelism)).isBetween(0, parallelism - 1);
        }
    }

    @Test
    void topAndBottomOfTheKeySpaceGoToTheLastAndFirstReader() {
        assertThat(assigner.assign(shard("top", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE", MAX_KEY), 5))
                .isEqualTo(4);
        assertThat(
                        assigner.assign(
                                shard(
                                        "bottom",
                                        "00000000000000000000000000000000",
                                        "00000000000000000000000000000001"),
                                5))
                .isZero();
    }
}
