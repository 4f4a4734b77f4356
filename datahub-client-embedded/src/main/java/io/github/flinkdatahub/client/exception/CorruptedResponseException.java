package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A response (or, on the server side, a request) whose frame, CRC-32C, length or encoding is wrong.
 * Such data is never silently accepted. Retrying may help when the damage happened in transit.
 */
@PublicEvolving
public class CorruptedResponseException extends DataHubClientException {
    private static final long serialVersionUID = 1L;

    public CorruptedResponseException(String message) {
        super(message, null, true);
    }

    public CorruptedResponseException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
