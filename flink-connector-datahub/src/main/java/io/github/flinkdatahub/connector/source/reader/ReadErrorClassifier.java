package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.connector.common.AsyncFailures;

/**
 * What a failed read of a shard means for the shard: end it, rebuild its cursor, back off, or fail.
 */
@Internal
final class ReadErrorClassifier {
    /** The reader's answer to a failed read. */
    enum Action {
        /** A closed shard read to its end: the split is finished. */
        SHARD_ENDED,
        /** The shard (or its topic) no longer exists: the split is finished. */
        SHARD_GONE,
        /** The cursor expired: rebuild it from the position and read again at once. */
        REBUILD_CURSOR,
        /** Throttled, service busy, 5xx, I/O: back off and repeat the same read. */
        BACK_OFF,
        /** Anything else (permissions, bad parameters, bugs): the job fails. */
        FAIL
    }

    private ReadErrorClassifier() {}

    static Action classify(Throwable error) {
        Throwable e = AsyncFailures.unwrap(error);
        if (e instanceof ShardSealedException) {
            return Action.SHARD_ENDED;
        }
        if (e instanceof ResourceNotFoundException) {
            return Action.SHARD_GONE;
        }
        if (e instanceof InvalidCursorException) {
            return Action.REBUILD_CURSOR;
        }
        if (e instanceof DataHubException && ((DataHubException) e).isRetryable()) {
            return Action.BACK_OFF;
        }
        return Action.FAIL;
    }
}
