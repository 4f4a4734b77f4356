package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.common.AsyncFailures;

/** What to do with records a put did not write: send them again, re-route them, or fail the job. */
@Internal
final class PutFailureClassifier {

    enum Action {
        RETRY,
        /** Retry, and send fewer puts at once. */
        RETRY_THROTTLED,
        /** The shard was closed: list the shards again and route the records anew. */
        REROUTE,
        /** Refused for good (bad value, missing topic, no permission): nothing is dropped. */
        FAIL
    }

    private PutFailureClassifier() {}

    /**
     * A put failed as a whole. A put to a shard that is gone re-routes; a routed put's records
     * carry their own shard id or key, so there the service's answer stands.
     */
    static Action classify(DataHubException e, boolean routedPut) {
        if (e instanceof ShardSealedException
                || (!routedPut && e instanceof ShardNotFoundException)) {
            return Action.REROUTE;
        }
        if (e.isRetryable()) {
            return e instanceof LimitExceededException ? Action.RETRY_THROTTLED : Action.RETRY;
        }
        return Action.FAIL;
    }

    /** A routed put refused one of its records; one that names its shard cannot re-route. */
    static Action classify(FailedRecord failed, Record record) {
        ErrorCode code = ErrorCode.fromCode(failed.getErrorCode());
        if (code == ErrorCode.INVALID_SHARD_OPERATION && record.getShardId() == null) {
            return Action.REROUTE;
        }
        if (code != null && code.retryable()) {
            return code == ErrorCode.LIMIT_EXCEEDED ? Action.RETRY_THROTTLED : Action.RETRY;
        }
        return Action.FAIL;
    }

    /** The DataHub error behind a put's failed future; anything else is not retryable. */
    static DataHubException cause(Throwable error) {
        Throwable t = AsyncFailures.unwrap(error);
        return t instanceof DataHubException
                ? (DataHubException) t
                : new DataHubClientException("Put failed: " + t, t, false);
    }
}
