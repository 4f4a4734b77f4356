package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A record does not match the topic ({@code MalformedRecord}): wrong field count, bad value text,
 * bad blob.
 */
@PublicEvolving
public class MalformedRecordException extends InvalidParameterException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
