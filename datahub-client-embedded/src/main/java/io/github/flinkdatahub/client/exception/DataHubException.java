package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Base of every error the client raises. Errors answered by the service carry the service's error
 * code, the request id (quote it to Alibaba Cloud support) and the HTTP status; errors raised on
 * the client side have a null request id and a status of {@link #CLIENT_STATUS}.
 */
@PublicEvolving
public class DataHubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Status used for failures that happened on the client side (the official SDKs use 5001 too).
     */
    public static final int CLIENT_STATUS = 5001;

    private final String errorCode;
    private final String requestId;
    private final int httpStatus;

    public DataHubException(String message, String errorCode, String requestId, int httpStatus) {
        this(message, errorCode, requestId, httpStatus, null);
    }

    public DataHubException(
            String message, String errorCode, String requestId, int httpStatus, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
    }

    /** The service's error code, e.g. {@code NoSuchTopic}; null when the client itself failed. */
    public String getErrorCode() {
        return errorCode;
    }

    /** The {@code x-datahub-request-id} of the failed call; null when nothing was answered. */
    public String getRequestId() {
        return requestId;
    }

    /** HTTP status of the error response, or {@link #CLIENT_STATUS} for client-side failures. */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** Whether repeating the same call later may succeed (throttling, server busy, 5xx, I/O). */
    public boolean isRetryable() {
        return ErrorCode.isRetryable(errorCode, httpStatus);
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        if (errorCode != null) {
            sb.append('[').append(errorCode).append("] ");
        }
        sb.append(super.getMessage());
        if (requestId != null || httpStatus != CLIENT_STATUS) {
            sb.append(" (status ").append(httpStatus);
            if (requestId != null) {
                sb.append(", request id ").append(requestId);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** The message as the service (or the client) wrote it, without code, status and request id. */
    public String getErrorMessage() {
        return super.getMessage();
    }
}
