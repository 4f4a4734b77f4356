package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A rate, throughput or quota limit was hit ({@code LimitExceeded}); retrying after a pause usually
 * succeeds.
 */
@PublicEvolving
public class LimitExceededException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
