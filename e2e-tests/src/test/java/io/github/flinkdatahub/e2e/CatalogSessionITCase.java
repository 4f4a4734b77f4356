package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.e2e.harness.SqlGatewayClient.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway session browsing and using DataHub through {@code CREATE CATALOG ... 'type' =
 * 'datahub'}.
 */
class CatalogSessionITCase extends GatewaySessionTestBase {

    private static final String PROJECT = "e2e_catalog";
    private static final int READINGS = 12;

    @Test
    void catalogShowsProjectsAndTopicsAndReadsAndWritesThemWithoutDdl() {
        RecordSchema schema =
                RecordSchema.of(
                        new Field("sensor", FieldType.STRING, false, "sensor name"),
                        new Field("reading", FieldType.DOUBLE),
                        new Field("taken_at", FieldType.TIMESTAMP));
        env.topics().createTupleTopic(PROJECT, "readings", 1, schema);
        List<TupleRecord> input = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            input.add(
                    TupleRecord.of(
                            schema,
                            "s" + (i % 3),
                            i * 1.5,
                            1_700_000_000_000_000L + i * 1_000_000L));
        }
        env.topics().write(PROJECT, "readings", "0", input);

        session.execute(
                """
                CREATE CATALOG dh WITH (
                  'type' = 'datahub', %s,
                  'default-database' = '%s'
                )"""
                        .formatted(env.connectionOptions(), PROJECT));
        session.execute("USE CATALOG dh");

        assertThat(firstColumn(session.execute("SHOW DATABASES"))).contains(PROJECT);
        assertThat(firstColumn(session.execute("SHOW TABLES"))).contains("readings");
        List<Row> described = session.execute("DESCRIBE readings");
        assertThat(described)
                .extracting(r -> r.field(0) + " " + r.field(1) + " " + r.field(2))
                .containsExactly(
                        "sensor STRING false", "reading DOUBLE true", "taken_at TIMESTAMP(6) true");
        assertThat(described.get(0).fields()).contains("sensor name");

        // A topic created from SQL: a new tuple topic with the declared columns.
        session.execute(
                """
                CREATE TABLE readings_doubled (sensor STRING, reading DOUBLE, taken_at TIMESTAMP(6))
                WITH ('shard-count' = '1', 'lifecycle' = '1')""");
        assertThat(env.topics().schema(PROJECT, "readings_doubled").getFields())
                .extracting(Field::getName, Field::getType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sensor", FieldType.STRING),
                        org.assertj.core.groups.Tuple.tuple("reading", FieldType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("taken_at", FieldType.TIMESTAMP));

        session.executeInsert(
                """
                INSERT INTO readings_doubled
                SELECT sensor, reading * 2, taken_at FROM readings /*+ OPTIONS('scan.startup.mode' = 'earliest') */""");
        List<TupleRecord> written =
                env.topics()
                        .awaitRecords(
                                PROJECT,
                                "readings_doubled",
                                READINGS + " readings",
                                Duration.ofSeconds(120),
                                records -> records.size() >= READINGS);
        assertThat(written)
                .extracting(r -> r.getValue("sensor") + "=" + r.getValue("reading"))
                .containsExactlyInAnyOrderElementsOf(
                        input.stream()
                                .map(
                                        r ->
                                                r.getValue("sensor")
                                                        + "="
                                                        + ((Double) r.getValue("reading") * 2))
                                .collect(Collectors.toList()));

        List<Row> selected =
                session.query(
                        """
                SELECT sensor, reading FROM dh.%s.readings_doubled
                /*+ OPTIONS('scan.startup.mode' = 'earliest') */ WHERE sensor = 's1'"""
                                .formatted(PROJECT),
                        READINGS / 3,
                        Duration.ofSeconds(120));
        assertThat(selected)
                .extracting(r -> r.field(0) + "=" + r.field(1))
                .containsExactlyInAnyOrder("s1=3.0", "s1=12.0", "s1=21.0", "s1=30.0");
    }

    @Test
    void aProcedureChangesDataHubAndASystemTableShowsIt() {
        env.topics()
                .createTupleTopic(
                        PROJECT, "operated", 2, RecordSchema.of(new Field("v", FieldType.BIGINT)));
        session.execute(
                """
                CREATE CATALOG dh_ops WITH ('type' = 'datahub', %s, 'default-database' = '%s')"""
                        .formatted(env.connectionOptions(), PROJECT));

        List<Row> created =
                session.execute(
                        "CALL dh_ops.sys.create_subscription('operated', 'made by the gateway')");
        String subId = created.get(0).field(0);
        assertThat(env.client().getSubscription(PROJECT, "operated", subId).getComment())
                .isEqualTo("made by the gateway");

        // A bounded job on the cluster reads the table when it runs.
        List<Row> listed =
                session.query(
                        "SELECT s.sub_id, s.`comment`, o.shard_id FROM dh_ops.%s.`operated$subscriptions` s"
                                        .formatted(PROJECT)
                                + " JOIN dh_ops.%s.`operated$subscription_offsets` o ON s.sub_id = o.sub_id"
                                        .formatted(PROJECT),
                        2,
                        Duration.ofSeconds(120));
        assertThat(listed)
                .extracting(r -> r.field(0) + " " + r.field(1) + " " + r.field(2))
                .containsExactlyInAnyOrder(
                        subId + " made by the gateway 0", subId + " made by the gateway 1");
    }

    private static List<String> firstColumn(List<Row> rows) {
        return rows.stream().map(r -> r.field(0)).collect(Collectors.toList());
    }
}
