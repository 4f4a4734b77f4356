package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** A record the service refused in a put: its index in the request, the error code and message. */
@PublicEvolving
public final class FailedRecord {
    private final int index;
    private final String errorCode;
    private final String errorMessage;

    public FailedRecord(int index, String errorCode, String errorMessage) {
        this.index = index;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /** 0-based position of the record in the put request. */
    public int getIndex() {
        return index;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FailedRecord)) {
            return false;
        }
        FailedRecord f = (FailedRecord) o;
        return index == f.index
                && java.util.Objects.equals(errorCode, f.errorCode)
                && java.util.Objects.equals(errorMessage, f.errorMessage);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(index, errorCode, errorMessage);
    }

    @Override
    public String toString() {
        return "FailedRecord{index="
                + index
                + ", errorCode="
                + errorCode
                + ", errorMessage="
                + errorMessage
                + '}';
    }
}
