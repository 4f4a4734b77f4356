package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.TupleRecordData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records written before a field was appended, read back through the official SDK in every client
 * mode: the SDK takes the emulator's answers for them (fewer values, or batch records of their own
 * shape and schema version) and gives the appended field as null.
 */
@ExtendWith(SharedEmulatorExtension.class)
class SchemaEvolutionConformanceTest {
    private static final String PROJECT = "sdk_schema_evolution";

    /**
     * No schema-registry writer before the append: the SDK caches a topic's registered versions
     * once and would not see the appended one afterwards.
     */
    private static final ClientMode[] WRITERS_BEFORE = {
        ClientMode.JSON, ClientMode.PROTOBUF, ClientMode.BATCH
    };

    private static final ClientMode[] WRITERS_AFTER = {
        ClientMode.JSON, ClientMode.PROTOBUF, ClientMode.BATCH, ClientMode.BATCH_SCHEMA_REGISTRY
    };
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void createProject(Sdk shared) {
        sdk = shared;
        client = sdk.client();
        client.createProject(PROJECT, "schema evolution conformance");
    }

    private static RecordSchema original() {
        RecordSchema s = new RecordSchema();
        s.addField(new Field("id", FieldType.BIGINT));
        s.addField(new Field("name", FieldType.STRING));
        return s;
    }

    private static RecordSchema appended() {
        RecordSchema s = original();
        s.addField(new Field("extra", FieldType.STRING));
        return s;
    }

    private static RecordEntry tuple(RecordSchema schema, Object... values) {
        TupleRecordData data = new TupleRecordData(schema);
        for (int i = 0; i < values.length; i++) {
            data.setField(i, values[i]);
        }
        return Records.entry(data);
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void recordsWrittenBeforeAnAppendReadWithTheAppendedFieldNull(ClientMode readMode) {
        String topic = "evolved_" + readMode.name().toLowerCase();
        client.createTopic(PROJECT, topic, 1, 1, RecordType.TUPLE, original(), "");
        client.waitForShardReady(PROJECT, topic);
        long id = 1;
        for (ClientMode mode : WRITERS_BEFORE) {
            DatahubClient writer = sdk.client(mode);
            Records.put(
                    writer,
                    mode,
                    PROJECT,
                    topic,
                    "0",
                    List.of(tuple(original(), id++, mode.name())));
        }
        client.appendField(PROJECT, topic, new Field("extra", FieldType.STRING));
        for (ClientMode mode : WRITERS_AFTER) {
            DatahubClient writer = sdk.client(mode);
            Records.put(
                    writer,
                    mode,
                    PROJECT,
                    topic,
                    "0",
                    List.of(tuple(appended(), id++, mode.name(), "x")));
        }

        List<TupleRecordData> read =
                Records.readAll(sdk.client(readMode), PROJECT, topic, "0", appended()).stream()
                        .map(e -> (TupleRecordData) e.getRecordData())
                        .collect(Collectors.toList());

        assertThat(read)
                .extracting(d -> d.getField("id"))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(read)
                .extracting(d -> d.getField("name"))
                .containsExactly(
                        "JSON",
                        "PROTOBUF",
                        "BATCH",
                        "JSON",
                        "PROTOBUF",
                        "BATCH",
                        "BATCH_SCHEMA_REGISTRY");
        assertThat(read.subList(3, 7)).extracting(d -> d.getField("extra")).containsOnly("x");
        if (readMode.wire == ClientMode.Wire.BATCH_SCHEMA_REGISTRY) {
            // Each record with the schema version it was written with.
            assertThat(read)
                    .extracting(d -> d.getRecordSchema().getFields().size())
                    .containsExactly(2, 2, 2, 3, 3, 3, 3);
        } else {
            assertThat(read.subList(0, 3)).extracting(d -> d.getField("extra")).containsOnlyNulls();
        }
    }
}
