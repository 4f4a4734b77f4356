package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;

import io.github.flinkdatahub.connector.source.split.ShardSplit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What an enumerator under test has assigned so far, read from its mock context. */
final class Assignments {
    private Assignments() {}

    /** Every split assigned, in assignment order. */
    static List<ShardSplit> all(MockSplitEnumeratorContext<ShardSplit> context) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().values().stream())
                .flatMap(List::stream)
                .collect(Collectors.toList());
    }

    /** Shard ids per reader over every assignment made so far. */
    static Map<Integer, List<String>> idsByReader(MockSplitEnumeratorContext<ShardSplit> context) {
        Map<Integer, List<String>> out = new HashMap<>();
        for (SplitsAssignment<ShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment()
                    .forEach(
                            (reader, splits) ->
                                    splits.forEach(
                                            s ->
                                                    out.computeIfAbsent(
                                                                    reader, r -> new ArrayList<>())
                                                            .add(s.splitId())));
        }
        return out;
    }

    /** The split assigned for {@code shardId}. */
    static ShardSplit of(MockSplitEnumeratorContext<ShardSplit> context, String shardId) {
        return all(context).stream()
                .filter(s -> s.splitId().equals(shardId))
                .findFirst()
                .orElseThrow();
    }
}
