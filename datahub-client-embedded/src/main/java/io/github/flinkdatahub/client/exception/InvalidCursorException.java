package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The cursor is malformed or its records have expired ({@code InvalidCursor}); get a new cursor.
 */
@PublicEvolving
public class InvalidCursorException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    public InvalidCursorException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
