package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InternalServerException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.sink.writer.PutFailureClassifier.Action;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import static io.github.flinkdatahub.connector.sink.writer.PutFailureClassifier.cause;
import static io.github.flinkdatahub.connector.sink.writer.PutFailureClassifier.classify;
import static org.assertj.core.api.Assertions.assertThat;

class PutFailureClassifierTest {
    private static final Record ROUTED_BY_SERVICE = BlobRecord.of(new byte[] {1});
    private static final Record TO_SHARD_3 =
            BlobRecord.builder(new byte[] {1}).shardId("3").build();

    @Test
    void aSealedShardReRoutesEveryPut() {
        DataHubException sealed =
                new ShardSealedException("closed", "InvalidShardOperation", "r", 400);
        assertThat(classify(sealed, false)).isEqualTo(Action.REROUTE);
        assertThat(classify(sealed, true)).isEqualTo(Action.REROUTE);
    }

    @Test
    void aMissingShardReRoutesOnlyAPutAddressedToOneShard() {
        DataHubException gone = new ShardNotFoundException("gone", "NoSuchShard", "r", 404);
        assertThat(classify(gone, false)).isEqualTo(Action.REROUTE);
        // A routed put's records name their shard themselves: re-routing cannot change them.
        assertThat(classify(gone, true)).isEqualTo(Action.FAIL);
    }

    @Test
    void throttlingIsRetriedWithFewerPutsAndServerErrorsAreRetried() {
        assertThat(classify(new LimitExceededException("slow", "LimitExceeded", "r", 429), true))
                .isEqualTo(Action.RETRY_THROTTLED);
        assertThat(
                        classify(
                                new InternalServerException(
                                        "oops", "InternalServerError", "r", 500),
                                false))
                .isEqualTo(Action.RETRY);
    }

    @Test
    void aMissingTopicFailsTheJob() {
        assertThat(classify(new ResourceNotFoundException("no", "NoSuchTopic", "r", 404), true))
                .isEqualTo(Action.FAIL);
    }

    @Test
    void aRefusedRecordIsReRoutedAfterAClosedShardUnlessItNamesItsShard() {
        FailedRecord closed = new FailedRecord(0, "InvalidShardOperation", "shard closed");
        assertThat(classify(closed, ROUTED_BY_SERVICE)).isEqualTo(Action.REROUTE);
        assertThat(classify(closed, TO_SHARD_3)).isEqualTo(Action.FAIL);
    }

    @Test
    void aRefusedRecordIsRetriedOnlyForARetryableCode() {
        assertThat(classify(new FailedRecord(0, "LimitExceeded", "slow"), ROUTED_BY_SERVICE))
                .isEqualTo(Action.RETRY_THROTTLED);
        assertThat(classify(new FailedRecord(0, "InternalServerError", "oops"), ROUTED_BY_SERVICE))
                .isEqualTo(Action.RETRY);
        assertThat(classify(new FailedRecord(0, "InvalidParameter", "bad"), ROUTED_BY_SERVICE))
                .isEqualTo(Action.FAIL);
        assertThat(classify(new FailedRecord(0, "NoSuchCode", "?"), ROUTED_BY_SERVICE))
                .isEqualTo(Action.FAIL);
    }

    @Test
    void theCauseOfAFailedPutIsItsDataHubErrorOrANonRetryableOne() {
        DataHubException throttled = new LimitExceededException("slow", "LimitExceeded", "r", 429);
        assertThat(cause(new CompletionException(throttled))).isSameAs(throttled);
        DataHubException other = cause(new CompletionException(new IOException("reset")));
        assertThat(other.isRetryable()).isFalse();
        assertThat(other).hasMessageContaining("reset");
    }
}
