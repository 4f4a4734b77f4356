package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The request signature was rejected ({@code Unauthorized}): wrong access id or key, or a client
 * clock too far off.
 */
@PublicEvolving
public class AuthorizationFailedException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public AuthorizationFailedException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
