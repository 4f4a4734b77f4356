package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The service is busy with the resource ({@code ConsumerGroupInProcess}, {@code ShardNotReady});
 * retryable.
 */
@PublicEvolving
public class ServiceInProcessException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public ServiceInProcessException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
