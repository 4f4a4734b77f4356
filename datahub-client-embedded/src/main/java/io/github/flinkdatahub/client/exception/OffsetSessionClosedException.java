package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The offset session was closed ({@code OffsetSessionClosed}); open a new one. */
@PublicEvolving
public class OffsetSessionClosedException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public OffsetSessionClosedException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
