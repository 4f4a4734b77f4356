package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The operation is not allowed in the current state of the resource. */
@PublicEvolving
public class InvalidOperationException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public InvalidOperationException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
