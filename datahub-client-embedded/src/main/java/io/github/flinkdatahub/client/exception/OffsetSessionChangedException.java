package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Another consumer opened the subscription offsets ({@code OffsetSessionChanged}); this session can
 * no longer commit.
 */
@PublicEvolving
public class OffsetSessionChangedException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public OffsetSessionChangedException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
