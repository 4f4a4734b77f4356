package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * The subscription is offline ({@code SubscriptionOffline}); bring it online before opening or
 * committing offsets.
 */
@PublicEvolving
public class SubscriptionOfflineException extends InvalidOperationException {
    private static final long serialVersionUID = 1L;

    public SubscriptionOfflineException(
            String message, String errorCode, String requestId, int httpStatus) {
        super(message, errorCode, requestId, httpStatus);
    }
}
