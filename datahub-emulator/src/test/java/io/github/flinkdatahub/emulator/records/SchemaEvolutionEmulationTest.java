package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Records written before a field was appended: every wire mode answers them in the shape they were
 * written with, and the schema registry has a version for each schema the topic had.
 */
class SchemaEvolutionEmulationTest {
    private static final String PROJECT = "schema_evolution";
    private static final RecordSchema V0 =
            RecordSchema.fromLists(
                    List.of("id", "name"), List.of(FieldType.BIGINT, FieldType.STRING));
    private static final RecordSchema V1 = V0.withField(new Field("extra", FieldType.STRING));

    static DataHubEmulator emulator;
    static DataHubClient client;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        client.createProject(PROJECT, "");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static DataHubClient client(WireMode mode) {
        return emulator.clientBuilder().retryPolicy(RetryPolicy.none()).wireMode(mode).build();
    }

    private static DataHubClient registryClient() {
        return emulator.clientBuilder()
                .retryPolicy(RetryPolicy.none())
                .wireMode(WireMode.BATCH)
                .schemaRegistry(true)
                .build();
    }

    /**
     * One record written in each wire mode with the original schema, then {@code extra} appended
     * and one record written with it.
     */
    private static void evolvedTopic(String topic) {
        client.createTupleTopic(PROJECT, topic, 1, 1, V0, "");
        client.waitShardsReady(PROJECT, topic);
        long id = 1;
        for (WireMode mode : WireMode.values()) {
            try (DataHubClient writer = client(mode)) {
                writer.putRecordsByShard(
                        PROJECT, topic, "0", List.of(TupleRecord.of(V0, id++, mode.name())));
            }
        }
        client.appendField(PROJECT, topic, new Field("extra", FieldType.STRING));
        client.putRecordsByShard(PROJECT, topic, "0", List.of(TupleRecord.of(V1, 9L, "new", "x")));
    }

    private static List<TupleRecord> readAll(DataHubClient reader, String topic) {
        String cursor = reader.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();
        return reader.getTupleRecords(PROJECT, topic, "0", V1, cursor, 100).getRecords().stream()
                .map(TupleRecord.class::cast)
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(WireMode.class)
    void recordsWrittenBeforeAnAppendReadBackWithTheirOwnFieldCount(WireMode readMode) {
        String topic = "own_count_" + readMode.name().toLowerCase();
        evolvedTopic(topic);

        try (DataHubClient reader = client(readMode)) {
            List<TupleRecord> records = readAll(reader, topic);

            assertThat(records)
                    .extracting(TupleRecord::getWrittenFieldCount)
                    .containsExactly(2, 2, 2, 3);
            assertThat(records)
                    .extracting(r -> r.getValue("extra"))
                    .containsExactly(null, null, null, "x");
            assertThat(records)
                    .extracting(r -> r.getValue("name"))
                    .containsExactly("JSON", "PROTOBUF", "BATCH", "new");
        }
    }

    @Test
    void appendFieldRegistersTheNewSchemaAsTheNextVersion() {
        evolvedTopic("versions");

        assertThat(client.listTopicSchema(PROJECT, "versions").getRecordSchemaList())
                .extracting(
                        GetTopicSchemaResult::getVersionId, GetTopicSchemaResult::getRecordSchema)
                .containsExactly(tuple(0, V0), tuple(1, V1));
    }

    @Test
    void aRegistryReaderGetsEachRecordWithTheSchemaVersionItWasWrittenWith() {
        evolvedTopic("by_version");

        try (DataHubClient reader = registryClient()) {
            assertThat(readAll(reader, "by_version"))
                    .extracting(TupleRecord::getSchema)
                    .containsExactly(V0, V0, V0, V1);
        }
    }

    @Test
    void aRegistryWriterWritesWithAnOlderVersionAndItsRecordsKeepThatShape() {
        evolvedTopic("older_writer");

        try (DataHubClient writer = registryClient()) {
            writer.putRecordsByShard(
                    PROJECT, "older_writer", "0", List.of(TupleRecord.of(V0, 20L, "older")));
            writer.putRecordsByShard(
                    PROJECT, "older_writer", "0", List.of(TupleRecord.of(V1, 21L, "newer", "y")));
            assertThat(readAll(writer, "older_writer"))
                    .extracting(TupleRecord::getSchema)
                    .endsWith(V0, V1);
        }
        assertThat(readAll(client, "older_writer"))
                .extracting(TupleRecord::getWrittenFieldCount)
                .endsWith(2, 3);
    }

    @Test
    void aRegistryWriterRefusesASchemaThatIsNotRegistered() {
        client.createTupleTopic(PROJECT, "unregistered", 1, 1, V0, "");
        client.waitShardsReady(PROJECT, "unregistered");

        try (DataHubClient writer = registryClient()) {
            assertThatThrownBy(
                            () ->
                                    writer.putRecordsByShard(
                                            PROJECT,
                                            "unregistered",
                                            "0",
                                            List.of(TupleRecord.of(V1, 1L, "a", "b"))))
                    .hasMessageContaining("not a registered version of topic")
                    .hasMessageContaining("registerTopicSchema");
        }
    }
}
