package io.github.flinkdatahub.emulator.subscriptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads shards evenly over group members (counts differ by at most one, the earlier members
 * getting the extra ones) while leaving as many shards as possible where they are, so a rebalance
 * moves only what it must.
 */
final class ShardAssigner {
    /** Numeric order of shard ids ("2" before "10"). */
    static final Comparator<String> SHARD_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private ShardAssigner() {}

    /**
     * @param shards the shards to hand out
     * @param current member id to the shards it has now, in join order
     * @return member id to its new shards (sorted), in the same order
     */
    static Map<String, List<String>> assign(
            List<String> shards, Map<String, List<String>> current) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int members = current.size();
        if (members == 0) {
            return out;
        }
        List<String> sorted = new ArrayList<>(shards);
        sorted.sort(SHARD_ORDER);
        Set<String> free = new LinkedHashSet<>(sorted);
        int base = sorted.size() / members;
        int extra = sorted.size() % members;
        Map<String, Integer> quota = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, List<String>> e : current.entrySet()) {
            int q = base + (i++ < extra ? 1 : 0);
            quota.put(e.getKey(), q);
            List<String> keep = new ArrayList<>();
            List<String> had = new ArrayList<>(e.getValue());
            had.sort(SHARD_ORDER);
            for (String s : had) {
                if (keep.size() < q && free.remove(s)) {
                    keep.add(s);
                }
            }
            out.put(e.getKey(), keep);
        }
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            List<String> mine = e.getValue();
            while (mine.size() < quota.get(e.getKey()) && !free.isEmpty()) {
                String s = free.iterator().next();
                free.remove(s);
                mine.add(s);
            }
            mine.sort(SHARD_ORDER);
        }
        return out;
    }
}
