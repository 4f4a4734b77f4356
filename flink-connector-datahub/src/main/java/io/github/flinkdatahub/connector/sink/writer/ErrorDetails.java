package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.NoPermissionException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.Record;

/** What the writer's error messages add: the fix for a failure, the record that failed. */
@Internal
final class ErrorDetails {
    private static final int MAX_DESCRIBED_LENGTH = 300;

    private ErrorDetails() {}

    /** The fix for a failure the user can repair, as a sentence to append; else empty. */
    static String hint(String project, String topic, DataHubException e) {
        if (e instanceof ResourceNotFoundException) {
            return ". Check that project '" + project + "' and topic '" + topic + "' exist";
        }
        if (e instanceof AuthorizationFailedException || e instanceof NoPermissionException) {
            return ". Check the access id and key of the connection and their permissions on project '"
                    + project
                    + "'";
        }
        return "";
    }

    static String hint(WriterTopic topic, DataHubException e) {
        return hint(topic.project, topic.topic, e);
    }

    /** The record's values for error messages, cut to a readable length. */
    static String describe(Record r) {
        String s = r.toString();
        return s.length() <= MAX_DESCRIBED_LENGTH
                ? s
                : s.substring(0, MAX_DESCRIBED_LENGTH - 3) + "...";
    }
}
