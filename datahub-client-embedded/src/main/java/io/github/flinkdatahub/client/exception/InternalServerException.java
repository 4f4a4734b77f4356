package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The service failed ({@code InternalServerError} or another 5xx answer); retryable. */
@PublicEvolving
public class InternalServerException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public InternalServerException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
