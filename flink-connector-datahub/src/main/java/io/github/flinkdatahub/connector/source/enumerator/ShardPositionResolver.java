package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the user's {@link StartingPosition} and {@link StoppingPosition} into concrete positions
 * for the shards found at the first discovery, by asking DataHub (latest sequences, subscription
 * offsets). Runs off the coordinator thread.
 */
@Internal
final class ShardPositionResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ShardPositionResolver.class);

    private final DataHubClient client;
    private final String project;
    private final String topic;
    private final String subscriptionId;

    ShardPositionResolver(
            DataHubClient client, String project, String topic, String subscriptionId) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
    }

    /** Splits for the shards of the first discovery. */
    List<ShardSplit> initialSplits(
            List<Shard> shards, StartingPosition start, StoppingPosition stop) {
        Map<String, OffsetWithVersion> offsets =
                start.kind() == StartingPosition.Kind.SUBSCRIPTION
                        ? client.getSubscriptionOffset(
                                        project,
                                        topic,
                                        subscriptionId,
                                        shards.stream()
                                                .map(Shard::getShardId)
                                                .collect(Collectors.toList()))
                                .getOffsets()
                        : Map.of();
        List<ShardSplit> splits = new ArrayList<>();
        for (Shard shard : shards) {
            ShardPosition position = startOf(shard, start, offsets.get(shard.getShardId()));
            long stopSequence = ShardSplit.NO_STOP;
            long stopTime = ShardSplit.NO_STOP;
            if (stop != null) {
                if (stop.isLatest()) {
                    stopSequence = nextSequence(shard.getShardId());
                } else {
                    stopTime = stop.timestampMillis();
                }
            }
            splits.add(split(shard, position, stopSequence, stopTime));
        }
        return splits;
    }

    /** A shard found after the start: read from its beginning, unbounded. */
    static ShardSplit laterSplit(Shard shard) {
        return split(shard, ShardPosition.earliest(), ShardSplit.NO_STOP, ShardSplit.NO_STOP);
    }

    private static ShardSplit split(
            Shard shard, ShardPosition position, long stopSequence, long stopTime) {
        return new ShardSplit(
                shard.getShardId(),
                position,
                shard.getParentShardIds(),
                shard.getBeginHashKey(),
                shard.getEndHashKey(),
                stopSequence,
                stopTime,
                false);
    }

    private ShardPosition startOf(Shard shard, StartingPosition start, OffsetWithVersion offset) {
        switch (start.kind()) {
            case LATEST:
                return ShardPosition.sequence(nextSequence(shard.getShardId()), 0);
            case TIMESTAMP:
                return ShardPosition.timestamp(start.timestampMillis());
            case SEQUENCES:
                Long seq = start.sequences().get(shard.getShardId());
                return seq == null ? ShardPosition.earliest() : ShardPosition.sequence(seq, 0);
            case SUBSCRIPTION:
                if (offset != null && offset.getSequence() >= 0) {
                    // The offset names the last record consumed: resume right after it.
                    return ShardPosition.sequence(offset.getSequence(), offset.getBatchIndex() + 1);
                }
                switch (start.resetStrategy()) {
                    case LATEST:
                        return ShardPosition.sequence(nextSequence(shard.getShardId()), 0);
                    case FAIL:
                        throw new IllegalStateException(
                                "Shard "
                                        + shard.getShardId()
                                        + " of "
                                        + project
                                        + "/"
                                        + topic
                                        + " has no offset committed to subscription "
                                        + subscriptionId
                                        + "; set the reset strategy to earliest or latest to start it anyway");
                    default:
                        return ShardPosition.earliest();
                }
            case EARLIEST:
            default:
                return ShardPosition.earliest();
        }
    }

    /**
     * The sequence after the newest record of a shard. A shard with no retained records has no
     * latest cursor; 0 then works as "everything from now on" because any later record's sequence
     * is at least 0. Where its LATEST cursor exists it has record time 0 and points at the next
     * sequence to be written, which is then the answer itself.
     */
    private long nextSequence(String shardId) {
        try {
            GetCursorResult latest = client.getCursor(project, topic, shardId, CursorType.LATEST);
            if (latest.getSequence() < 0) {
                return 0;
            }
            return latest.getRecordTime() <= 0 ? latest.getSequence() : latest.getSequence() + 1;
        } catch (DataHubException e) {
            if (e.isRetryable()) {
                // Throttled, busy or unreachable even after the client's retries: says nothing
                // about the shard's records. Taking it for empty would re-read the whole shard
                // (latest start) or read none of it (latest stop); failing lets the job restart and
                // ask again.
                throw e;
            }
            LOG.info(
                    "Shard {} has no latest record ({}); treating it as empty",
                    shardId,
                    e.getErrorCode());
            return 0;
        }
    }
}
