package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The service refuses the operation ({@code OperationDenied}), e.g. deleting a project that still
 * has topics.
 */
@PublicEvolving
public class OperationDeniedException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public OperationDeniedException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
