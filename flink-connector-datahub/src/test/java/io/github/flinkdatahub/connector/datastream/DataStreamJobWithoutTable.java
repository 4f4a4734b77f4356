package io.github.flinkdatahub.connector.datastream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.deserializer.DataHubTuple;

/**
 * A DataStream job as a user without table jars writes it: copies a bounded tuple topic to another
 * with the source and the sink. Run by {@link DataStreamWithoutTableJarsITCase} in a JVM whose
 * classpath has no {@code flink-table} jar. Exits 2 if a table class is reachable after all (the
 * test would then prove nothing).
 */
public final class DataStreamJobWithoutTable {
    private DataStreamJobWithoutTable() {}

    /** Arguments: endpoint, access id, access key, project, input topic, output topic. */
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.flink.table.api.ValidationException");
            System.err.println("flink-table is on the classpath");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            // As a DataStream-only user has it.
        }
        DataHubConnection connection =
                DataHubConnection.builder().endpoint(args[0]).credentials(args[1], args[2]).build();
        String project = args[3];
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataHubSource<DataHubTuple> source =
                DataHubSource.<DataHubTuple>builder()
                        .setConnection(connection)
                        .setProject(project)
                        .setTopic(args[4])
                        .setDeserializer(DataHubDeserializationSchema.tupleToValue())
                        .setStartingPosition(StartingPosition.earliest())
                        .setBounded(StoppingPosition.latest())
                        .build();
        DataHubSink<DataHubTuple> sink =
                DataHubSink.<DataHubTuple>builder()
                        .setConnection(connection)
                        .setProject(project)
                        .setTopic(args[5])
                        .setSerializer(new TupleCopy())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "input").sinkTo(sink);
        env.execute("DataStream job without flink-table");
    }

    /** Writes a read tuple's values unchanged; the output topic has the input's schema. */
    private static final class TupleCopy implements DataHubSerializationSchema<DataHubTuple> {
        private static final long serialVersionUID = 1L;

        private transient RecordSchema schema;

        @Override
        public void open(
                SerializationSchema.InitializationContext context,
                String topicPath,
                RecordSchema topicSchema) {
            this.schema = topicSchema;
        }

        @Override
        public TupleRecord serialize(DataHubTuple element) {
            return TupleRecord.of(schema, element.getValues().toArray());
        }
    }
}
