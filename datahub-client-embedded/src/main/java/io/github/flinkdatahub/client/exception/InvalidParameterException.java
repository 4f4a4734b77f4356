package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A parameter of the call is invalid. Also raised by the client before sending anything when a
 * name, value or size breaks the service's rules; the message names the field and the fix.
 */
@PublicEvolving
public class InvalidParameterException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
