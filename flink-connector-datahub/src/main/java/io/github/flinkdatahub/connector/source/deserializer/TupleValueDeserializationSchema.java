package io.github.flinkdatahub.connector.source.deserializer;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Tuple records to {@link DataHubTuple}. */
@Internal
final class TupleValueDeserializationSchema implements DataHubDeserializationSchema<DataHubTuple> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(Record record, Collector<DataHubTuple> out) throws IOException {
        if (!(record instanceof TupleRecord)) {
            throw new IOException("Expected a tuple record in shard " + record.getShardId() + " at sequence "
                    + record.getSequence() + ", got " + record.getRecordType());
        }
        TupleRecord t = (TupleRecord) record;
        List<String> names = t.getSchema().getFields().stream().map(Field::getName).collect(Collectors.toList());
        out.collect(new DataHubTuple(t.getShardId(), t.getSequence(), t.getSystemTime(), names,
                t.getValues().toArray(), t.getAttributes()));
    }

    @Override
    public TypeInformation<DataHubTuple> getProducedType() {
        return TypeInformation.of(DataHubTuple.class);
    }
}
