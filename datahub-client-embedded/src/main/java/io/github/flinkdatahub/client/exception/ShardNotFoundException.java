package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The shard id does not exist in the topic ({@code NoSuchShard}); right after a split or merge this
 * can be transient.
 */
@PublicEvolving
public class ShardNotFoundException extends ResourceNotFoundException {
    private static final long serialVersionUID = 1L;

    public ShardNotFoundException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
