package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The project, topic, connector or subscription being created already exists. */
@PublicEvolving
public class ResourceExistException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public ResourceExistException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
