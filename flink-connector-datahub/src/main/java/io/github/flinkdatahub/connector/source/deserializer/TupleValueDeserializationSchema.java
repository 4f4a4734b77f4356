package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Tuple records to {@link DataHubTuple}. */
@Internal
final class TupleValueDeserializationSchema implements DataHubDeserializationSchema<DataHubTuple> {
    private static final long serialVersionUID = 1L;

    /** Field names of the last schema seen: records of one topic share their schema object. */
    private transient RecordSchema lastSchema;

    private transient List<String> lastNames;

    @Override
    public void deserialize(Record record, Collector<DataHubTuple> out) throws IOException {
        if (!(record instanceof TupleRecord)) {
            throw new IOException(
                    "Expected a tuple record in shard "
                            + record.getShardId()
                            + " at sequence "
                            + record.getSequence()
                            + ", got "
                            + record.getRecordType());
        }
        TupleRecord t = (TupleRecord) record;
        if (t.getSchema() != lastSchema) {
            lastSchema = t.getSchema();
            lastNames =
                    lastSchema.getFields().stream()
                            .map(Field::getName)
                            .collect(Collectors.toList());
        }
        List<String> names = lastNames;
        out.collect(
                new DataHubTuple(
                        t.getShardId(),
                        t.getSequence(),
                        t.getSystemTime(),
                        names,
                        t.getValues().toArray(),
                        t.getAttributes()));
    }

    @Override
    public TypeInformation<DataHubTuple> getProducedType() {
        return TypeInformation.of(DataHubTuple.class);
    }
}
