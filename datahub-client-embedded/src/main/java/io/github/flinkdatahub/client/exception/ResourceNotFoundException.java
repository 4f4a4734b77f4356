package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The project, topic, shard, connector, subscription or consumer named in the call does not exist.
 */
@PublicEvolving
public class ResourceNotFoundException extends DataHubException {
    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
