package io.github.flinkdatahub.demo;

import org.apache.flink.api.common.serialization.SerializationSchema;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;

/** Click events to tuple records of the topic's schema as the sink's writer read it. */
final class ClickEventSerializer implements DataHubSerializationSchema<ClickEvent> {
    private static final long serialVersionUID = 1L;

    private transient RecordSchema schema;

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            RecordSchema topicSchema) {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "Topic " + topicPath + " is a blob topic; the demo needs a tuple topic");
        }
        this.schema = topicSchema;
    }

    @Override
    public Record serialize(ClickEvent e) {
        return TupleRecord.builder(schema)
                .set("event_id", e.eventId)
                .set("user_id", e.userId)
                .set("page", e.page)
                .set("action", e.action)
                .set("duration_ms", e.durationMs)
                .set("price", e.price)
                .set("is_mobile", e.mobile)
                .set("event_time", e.eventTimeMicros)
                .build();
    }
}
