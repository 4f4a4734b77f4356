package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.split.ShardSplitState;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deserialises each record into the source output with the record's DataHub system time as its
 * timestamp, then advances the split state, so a checkpoint never covers a record not emitted.
 */
@Internal
public final class DataHubRecordEmitter<T> implements RecordEmitter<Record, T, ShardSplitState> {
    private final DataHubDeserializationSchema<T> deserializer;
    private final DataHubSourceReaderMetrics metrics;
    private final OutputCollector<T> collector = new OutputCollector<>();

    public DataHubRecordEmitter(
            DataHubDeserializationSchema<T> deserializer, DataHubSourceReaderMetrics metrics) {
        this.deserializer = deserializer;
        this.metrics = metrics;
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
        metrics.bytesIn(sizeOf(record));
    }

    /** Approximate payload size: blob bytes, or the text size of tuple values, plus attributes. */
    static long sizeOf(Record record) {
        long size = 0;
        if (record instanceof BlobRecord) {
            size = ((BlobRecord) record).getDataLength();
        } else if (record instanceof TupleRecord) {
            TupleRecord t = (TupleRecord) record;
            for (Object v : t.getValues()) {
                if (v instanceof String) {
                    size += ((String) v).length();
                } else if (v != null) {
                    size += 8;
                }
            }
        }
        for (Map.Entry<String, String> a : record.getAttributes().entrySet()) {
            size +=
                    a.getKey().getBytes(StandardCharsets.UTF_8).length
                            + a.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
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
