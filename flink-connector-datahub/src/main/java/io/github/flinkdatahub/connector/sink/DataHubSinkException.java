package io.github.flinkdatahub.connector.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A failure that stops the sink: a record DataHub refuses (out of range, null in a NOT NULL field,
 * too large, schema mismatch), a missing project or topic, failed authentication, or a retry budget
 * used up. The message names the topic and, where there is one, the field and value.
 */
@PublicEvolving
public class DataHubSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataHubSinkException(String message) {
        super(message);
    }

    public DataHubSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
