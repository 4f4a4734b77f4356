package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The subscription offset was reset after this session read it ({@code OffsetReseted}); read the
 * offset again to get its new version.
 */
@PublicEvolving
public class OffsetResetException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public OffsetResetException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
