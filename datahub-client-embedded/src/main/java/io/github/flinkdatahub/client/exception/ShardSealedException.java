package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The shard is not active ({@code InvalidShardOperation}): it was closed by a split or merge.
 * Writes must go to its children; reads past its last record end here.
 */
@PublicEvolving
public class ShardSealedException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public ShardSealedException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
