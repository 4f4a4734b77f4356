package io.github.flinkdatahub.sql.packaging;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.table.DataHubTypeMapping;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Puts and gets records through the connector's client, loaded by {@link PackagingITCase} into a
 * class loader that sees only the shaded jar and Flink. It names only our own types (which the jar
 * keeps under their names) and never a bundled third-party one, so every JSON, protobuf and LZ4
 * call it causes runs the relocated code. Returns what it read, as text, to the test.
 */
public final class ShadedClientProbe implements Function<String, List<String>> {
    static final String PROJECT = "shaded_jar";
    private static final RecordSchema SCHEMA =
            RecordSchema.builder()
                    .addField("id", FieldType.BIGINT)
                    .addField("name", FieldType.STRING)
                    .addField("score", FieldType.DOUBLE)
                    .addField("ok", FieldType.BOOLEAN)
                    .addField("ts", FieldType.TIMESTAMP)
                    .addField("amount", FieldType.DECIMAL)
                    .build();

    @Override
    public List<String> apply(String endpoint) {
        List<String> out = new ArrayList<>();
        out.add(
                "schema json round trip "
                        + RecordSchema.fromJsonString(SCHEMA.toJsonString()).equals(SCHEMA));
        out.add(
                "flink type "
                        + DataHubTypeMapping.toFlinkType(new Field("amount", FieldType.DECIMAL)));
        try (DataHubClient admin = open(endpoint, WireMode.JSON)) {
            admin.createProject(PROJECT, "shaded jar probe");
        }
        // Large and repetitive, so LZ4 has something to compress.
        byte[] blob = "datahub ".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
        for (WireMode mode : WireMode.values()) {
            String suffix = mode.name().toLowerCase(Locale.ROOT);
            try (DataHubClient client = open(endpoint, mode)) {
                String tuple = "tuple_" + suffix;
                client.createTupleTopic(PROJECT, tuple, 1, 1, SCHEMA, "");
                client.waitShardsReady(PROJECT, tuple, Duration.ofSeconds(30));
                client.putRecordsByShard(
                        PROJECT,
                        tuple,
                        "0",
                        List.of(
                                TupleRecord.builder(SCHEMA)
                                        .values(
                                                1L,
                                                "alpha",
                                                1.5,
                                                true,
                                                1_700_000_000_000_000L,
                                                new BigDecimal("12.34"))
                                        .attribute("k", "v")
                                        .build(),
                                TupleRecord.of(SCHEMA, 2L, null, -0.25, false, 0L, null)));
                for (Record r : readAll(client, tuple, SCHEMA)) {
                    out.add(
                            mode
                                    + " tuple "
                                    + ((TupleRecord) r).getValues()
                                    + " "
                                    + r.getAttributes());
                }

                String blobs = "blob_" + suffix;
                client.createBlobTopic(PROJECT, blobs, 1, 1, "");
                client.waitShardsReady(PROJECT, blobs, Duration.ofSeconds(30));
                client.putRecordsByShard(PROJECT, blobs, "0", List.of(BlobRecord.of(blob)));
                for (Record r : readAll(client, blobs, null)) {
                    byte[] read = ((BlobRecord) r).getData();
                    out.add(
                            mode
                                    + " blob "
                                    + read.length
                                    + " bytes "
                                    + (Arrays.equals(read, blob) ? "intact" : "corrupt"));
                }
            }
        }
        return out;
    }

    private static DataHubClient open(String endpoint, WireMode mode) {
        return DataHubConnection.builder()
                .endpoint(endpoint)
                .credentials("emulator", "emulator-secret")
                .wireMode(mode)
                .compression(CompressFormat.LZ4)
                .build()
                .openClient();
    }

    private static List<Record> readAll(DataHubClient client, String topic, RecordSchema schema) {
        String cursor = client.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();
        return schema == null
                ? client.getBlobRecords(PROJECT, topic, "0", cursor, 100).getRecords()
                : client.getTupleRecords(PROJECT, topic, "0", schema, cursor, 100).getRecords();
    }
}
