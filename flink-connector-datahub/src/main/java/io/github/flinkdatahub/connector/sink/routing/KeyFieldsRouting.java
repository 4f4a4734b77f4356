package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Routing by key fields: each record gets the hash key of its key fields' text. */
@Internal
final class KeyFieldsRouting implements DataHubRouting {
    private static final long serialVersionUID = 1L;

    private final List<String> fields;

    KeyFieldsRouting(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public RecordRouter open(RoutingContext context) {
        RecordSchema schema = context.getSchema();
        if (schema == null) {
            throw new IllegalArgumentException(
                    "Routing by key fields "
                            + fields
                            + " needs a tuple topic, but DataHub"
                            + " topic "
                            + context.topicPath()
                            + " is a blob topic; set a partition key in the serializer"
                            + " (withPartitionKey) instead");
        }
        int[] indexes = new int[fields.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = schema.indexOf(fields.get(i));
            if (indexes[i] < 0) {
                throw new IllegalArgumentException(
                        "Key field '"
                                + fields.get(i)
                                + "' is not a field of DataHub topic "
                                + context.topicPath()
                                + "; its fields are "
                                + schema.getFields().stream()
                                        .map(Field::getName)
                                        .collect(Collectors.toList()));
            }
        }
        return new Router(schema, indexes);
    }

    @Override
    public String toString() {
        return "byKeyFields" + fields;
    }

    private static final class Router implements RecordRouter {
        private final RecordSchema schema;
        private final int[] indexes;

        Router(RecordSchema schema, int[] indexes) {
            this.schema = schema;
            this.indexes = indexes;
        }

        @Override
        public Record prepare(Record record) {
            TupleRecord t = (TupleRecord) record;
            List<String> texts = new ArrayList<>(indexes.length);
            for (int i : indexes) {
                texts.add(schema.getField(i).getType().toText(t.getValue(i)));
            }
            return t.toBuilder().hashKey(HashKeys.of(texts)).build();
        }

        @Override
        public boolean routedByService() {
            return true;
        }

        @Override
        public String toString() {
            return "key fields " + Arrays.toString(indexes);
        }
    }
}
