package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.DataHubClientException;

import java.util.Locale;

/** Kind of records a topic holds: typed tuples or opaque blobs. */
@PublicEvolving
public enum RecordType {
    TUPLE,
    BLOB;

    /**
     * Parses the service's {@code RecordType} in any case. A kind this client does not know fails
     * with a {@link DataHubClientException} (not retryable): its records could not be read or
     * written as tuples or blobs, so no caller can sensibly go on with such a topic.
     */
    public static RecordType fromWireValue(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (RecordType t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new DataHubClientException(
                "Unknown record type '"
                        + value
                        + "': this client reads and writes TUPLE and BLOB topics only;"
                        + " a newer client may support this topic",
                null,
                false);
    }
}
