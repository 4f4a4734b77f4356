package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.split.ShardSplitState;

/**
 * Deserialises each record into the source output with the record's DataHub system time as its
 * timestamp, then advances the split state, so a checkpoint never covers a record not emitted.
 * (numBytesIn is counted as records are handed out, with the sizes the read buffer computed.)
 */
@Internal
public final class DataHubRecordEmitter<T> implements RecordEmitter<Record, T, ShardSplitState> {
    private final DataHubDeserializationSchema<T> deserializer;
    private final OutputCollector<T> collector = new OutputCollector<>();

    public DataHubRecordEmitter(DataHubDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void emitRecord(Record record, SourceOutput<T> output, ShardSplitState state)
            throws Exception {
        collector.output = output;
        collector.timestamp = record.getSystemTime();
        deserializer.deserialize(record, collector);
        state.recordEmitted(
                record.getSequence(),
                record.getBatchIndex(),
                record.getBatchSize(),
                record.getSystemTime());
    }

    private static final class OutputCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T value) {
            output.collect(value, timestamp);
        }

        @Override
        public void close() {}
    }
}
