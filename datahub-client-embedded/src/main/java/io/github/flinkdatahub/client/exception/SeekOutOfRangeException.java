package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The sequence or time asked for by a cursor lies outside the retained data ({@code
 * SeekOutOfRange}).
 */
@PublicEvolving
public class SeekOutOfRangeException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    public SeekOutOfRangeException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
