package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.Internal;

/**
 * Client-side checks that fail with an {@link InvalidParameterException} before anything is sent.
 */
@Internal
public final class Validation {
    private Validation() {}

    /** An {@link InvalidParameterException} raised on the client side, nothing sent. */
    public static InvalidParameterException invalid(String message) {
        return new InvalidParameterException(
                message, ErrorCode.INVALID_PARAMETER.code(), null, DataHubException.CLIENT_STATUS);
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw invalid(name + " must not be null");
        }
        return value;
    }

    public static String notEmpty(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw invalid(name + " must not be empty");
        }
        return value;
    }
}
