package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A failure on the client side of a call: the connection failed or timed out, or the answer could
 * not be read. Connection failures are retryable; see {@link CorruptedResponseException} for
 * answers that arrived damaged.
 */
@PublicEvolving
public class DataHubClientException extends DataHubException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DataHubClientException(String message, Throwable cause, boolean retryable) {
        super(message, null, null, CLIENT_STATUS, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
