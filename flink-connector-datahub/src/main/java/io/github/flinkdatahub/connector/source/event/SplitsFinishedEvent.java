package io.github.flinkdatahub.connector.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.List;

/**
 * Reader → enumerator: these shards were read to their end. Sent when a split finishes and again
 * after a restore for finished splits whose end was not yet covered by a completed checkpoint, so
 * the enumerator must treat repeats as no-ops.
 */
@Internal
public final class SplitsFinishedEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final List<String> shardIds;

    public SplitsFinishedEvent(List<String> shardIds) {
        this.shardIds = List.copyOf(shardIds);
    }

    public List<String> shardIds() {
        return shardIds;
    }

    @Override
    public String toString() {
        return "SplitsFinishedEvent" + shardIds;
    }
}
