package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;

import javax.annotation.Nullable;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;

/**
 * Fails the job on a record the topic cannot take before it is buffered: the wrong record type,
 * fields other than the topic's, more bytes than a put request carries.
 */
@Internal
final class RecordShapeCheck {
    private final String topicPath;
    @Nullable private final RecordSchema topicSchema;
    private final long maxRecordBytes;
    private final WriterStatus status;

    /** {@code topicSchema}: null for a blob topic. */
    RecordShapeCheck(
            String topicPath,
            @Nullable RecordSchema topicSchema,
            long maxRecordBytes,
            WriterStatus status) {
        this.topicPath = topicPath;
        this.topicSchema = topicSchema;
        this.maxRecordBytes = maxRecordBytes;
        this.status = status;
    }

    void checkType(Record record) {
        boolean blobTopic = topicSchema == null;
        if (blobTopic ? !(record instanceof BlobRecord) : !(record instanceof TupleRecord)) {
            throw status.fail(
                    new DataHubSinkException(
                            "The serializer produced a "
                                    + record.getRecordType()
                                    + " record, but DataHub topic "
                                    + topicPath
                                    + (blobTopic
                                            ? " is a blob topic"
                                            : " is a tuple topic with fields " + topicSchema)));
        }
        if (blobTopic) {
            return;
        }
        RecordSchema schema = ((TupleRecord) record).getSchema();
        if (schema != topicSchema && !schema.equals(topicSchema)) {
            throw status.fail(
                    new DataHubSinkException(
                            "The serializer built a record with fields "
                                    + schema
                                    + ", but DataHub topic "
                                    + topicPath
                                    + " has fields "
                                    + topicSchema
                                    + "; build records with the schema passed to open()"));
        }
    }

    /** {@code size}: the record's estimated bytes in a put request. */
    void checkSize(Record record, long size) {
        if (size > maxRecordBytes) {
            throw status.fail(
                    new DataHubSinkException(
                            "A record of about "
                                    + size
                                    + " bytes cannot be written to DataHub"
                                    + " topic "
                                    + topicPath
                                    + ": a put request carries at most "
                                    + MAX_REQUEST_BYTES
                                    + " bytes. Record: "
                                    + ErrorDetails.describe(record)));
        }
    }
}
