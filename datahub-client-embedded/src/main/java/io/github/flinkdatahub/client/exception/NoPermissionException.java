package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The account is not allowed to perform the operation ({@code NoPermission}). */
@PublicEvolving
public class NoPermissionException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public NoPermissionException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
