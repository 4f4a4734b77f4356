package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.e2e.harness.EmulatorProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL as written for Alibaba's hosted DataHub connector (camelCase options, its metadata column
 * declarations, a 'yyyy-MM-dd HH:mm:ss' start time) runs unchanged on a stock Flink with the SQL
 * jar.
 */
class HostedConnectorDdlITCase extends GatewaySessionTestBase {

    private static final String PROJECT = "e2e_hosted";
    private static final int PER_SHARD = 10;

    @Test
    void hostedConnectorDdlWithCamelCaseOptionsAndMetadataColumnsRunsUnchanged() {
        RecordSchema clicks =
                RecordSchema.of(
                        new Field("click_id", FieldType.BIGINT),
                        new Field("page", FieldType.STRING));
        env.topics().createTupleTopic(PROJECT, "clicks", 2, clicks);
        env.topics()
                .createTupleTopic(
                        PROJECT,
                        "clicks_traced",
                        1,
                        RecordSchema.of(
                                new Field("click_id", FieldType.BIGINT),
                                new Field("page", FieldType.STRING),
                                new Field("source_shard", FieldType.BIGINT),
                                new Field("source_sequence", FieldType.STRING),
                                new Field("received", FieldType.TIMESTAMP)));
        long writtenFrom = System.currentTimeMillis();
        for (int shard = 0; shard < 2; shard++) {
            List<TupleRecord> records = new ArrayList<>();
            for (int i = 0; i < PER_SHARD; i++) {
                records.add(TupleRecord.of(clicks, (long) (shard * 100 + i), "/page/" + i));
            }
            env.topics().write(PROJECT, "clicks", String.valueOf(shard), records);
        }

        String endpoint = env.emulator().endpoint();
        // startTime and the TIMESTAMP cast of system-time are read in the session zone.
        session.execute("SET 'table.local-time-zone' = 'UTC'");
        session.execute(
                """
                CREATE TEMPORARY TABLE datahub_source (
                  click_id BIGINT,
                  page VARCHAR,
                  `shard-id` BIGINT METADATA VIRTUAL,
                  `sequence` STRING METADATA VIRTUAL,
                  `system-time` TIMESTAMP METADATA VIRTUAL
                ) WITH (
                  'connector' = 'datahub',
                  'endPoint' = '%s',
                  'project' = '%s',
                  'topic' = 'clicks',
                  'accessId' = '%s',
                  'accessKey' = '%s',
                  'startTime' = '2020-01-01 00:00:00'
                )"""
                        .formatted(
                                endpoint,
                                PROJECT,
                                EmulatorProcess.ACCESS_ID,
                                EmulatorProcess.ACCESS_KEY));
        session.execute(
                """
                CREATE TEMPORARY TABLE datahub_sink (
                  click_id BIGINT,
                  page VARCHAR,
                  source_shard BIGINT,
                  source_sequence VARCHAR,
                  received TIMESTAMP
                ) WITH (
                  'connector' = 'datahub',
                  'endPoint' = '%s',
                  'project' = '%s',
                  'topic' = 'clicks_traced',
                  'accessId' = '%s',
                  'accessKey' = '%s',
                  'batchCount' = '5'
                )"""
                        .formatted(
                                endpoint,
                                PROJECT,
                                EmulatorProcess.ACCESS_ID,
                                EmulatorProcess.ACCESS_KEY));
        session.executeInsert(
                """
                INSERT INTO datahub_sink
                SELECT click_id, page, `shard-id`, `sequence`, `system-time` FROM datahub_source""");

        List<TupleRecord> traced =
                env.topics()
                        .awaitRecords(
                                PROJECT,
                                "clicks_traced",
                                2 * PER_SHARD + " clicks",
                                Duration.ofSeconds(120),
                                records -> records.size() >= 2 * PER_SHARD);

        assertThat(traced).hasSize(2 * PER_SHARD);
        // Each click carries the shard and sequence it was read at: click shard*100+i is the i-th
        // record of shard `shard`.
        Map<Long, String> origin =
                traced.stream()
                        .collect(
                                Collectors.toMap(
                                        r -> (Long) r.getValue("click_id"),
                                        r ->
                                                r.getValue("source_shard")
                                                        + ":"
                                                        + r.getValue("source_sequence")));
        for (int shard = 0; shard < 2; shard++) {
            for (int i = 0; i < PER_SHARD; i++) {
                assertThat(origin.get((long) (shard * 100 + i))).isEqualTo(shard + ":" + i);
            }
        }
        // system-time is when the emulator received the record (microseconds in DataHub).
        assertThat(traced)
                .allSatisfy(
                        r ->
                                assertThat((Long) r.getValue("received") / 1000)
                                        .isBetween(
                                                writtenFrom - 60_000, System.currentTimeMillis()));
    }

    /** 2024-01-01T00:00:00.123456Z in microseconds since the epoch. */
    private static final long MICROS = 1_704_067_200_123_456L;

    @Test
    void hostedDdlWithEveryDocumentedOptionRunsWithTheHostedMeanings() {
        RecordSchema events =
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT), new Field("ts", FieldType.TIMESTAMP));
        env.topics().createTupleTopic(PROJECT, "events", 1, events);
        env.topics()
                .createTupleTopic(
                        PROJECT,
                        "events_out",
                        1,
                        RecordSchema.of(
                                new Field("id", FieldType.BIGINT),
                                new Field("wall", FieldType.STRING),
                                new Field("ts", FieldType.TIMESTAMP),
                                new Field("raw_micros", FieldType.TIMESTAMP)));
        List<TupleRecord> records = new ArrayList<>();
        for (long id = 1; id <= PER_SHARD; id++) {
            records.add(TupleRecord.of(events, id, MICROS));
        }
        env.topics().write(PROJECT, "events", "0", records);

        String endpoint = env.emulator().endpoint();
        session.execute("SET 'table.local-time-zone' = 'UTC'");
        // Every documented source option at its documented value; startTimeMs 0 (not -1) so the
        // records written above are read, and a time zone for the TIMESTAMP column.
        session.execute(
                """
                CREATE TEMPORARY TABLE hosted_source (
                  id BIGINT,
                  ts TIMESTAMP
                ) WITH (
                  'connector' = 'datahub',
                  'endPoint' = '%s',
                  'project' = '%s',
                  'topic' = 'events',
                  'accessId' = '%s',
                  'accessKey' = '%s',
                  'retryTimeout' = '1800000',
                  'retryInterval' = '1000',
                  'CompressType' = '',
                  'startTimeMs' = '0',
                  'maxFetchSize' = '50',
                  'maxBufferSize' = '50',
                  'fetchLatestDelay' = '500',
                  'lengthCheck' = 'NONE',
                  'columnErrorDebug' = 'false',
                  'enableSchemaRegistry' = 'false',
                  'timeZone' = 'Asia/Shanghai'
                )"""
                        .formatted(
                                endpoint,
                                PROJECT,
                                EmulatorProcess.ACCESS_ID,
                                EmulatorProcess.ACCESS_KEY));
        // Every documented sink option at its documented value; `raw_micros` is BIGINT on a
        // TIMESTAMP field (the microseconds as they are).
        session.execute(
                """
                CREATE TEMPORARY TABLE hosted_sink (
                  id BIGINT,
                  wall VARCHAR,
                  ts TIMESTAMP,
                  raw_micros BIGINT
                ) WITH (
                  'connector' = 'datahub',
                  'endPoint' = '%s',
                  'project' = '%s',
                  'topic' = 'events_out',
                  'accessId' = '%s',
                  'accessKey' = '%s',
                  'retryTimeout' = '1800000',
                  'retryInterval' = '1000',
                  'CompressType' = 'lz4',
                  'batchCount' = '500',
                  'batchSize' = '512000',
                  'flushInterval' = '5000',
                  'hashFields' = 'id',
                  'schemaVersion' = '-1',
                  'enableSchemaRegistry' = 'false',
                  'timeZone' = 'Asia/Shanghai'
                )"""
                        .formatted(
                                endpoint,
                                PROJECT,
                                EmulatorProcess.ACCESS_ID,
                                EmulatorProcess.ACCESS_KEY));
        session.executeInsert(
                """
                INSERT INTO hosted_sink
                SELECT id, CAST(ts AS VARCHAR), ts, id * 1000000 FROM hosted_source""");

        List<TupleRecord> out =
                env.topics()
                        .awaitRecords(
                                PROJECT,
                                "events_out",
                                PER_SHARD + " events",
                                Duration.ofSeconds(120),
                                r -> r.size() >= PER_SHARD);

        assertThat(out).hasSize(PER_SHARD);
        // Read: 00:00 UTC is 08:00 in Shanghai. Written back in the same zone: the same instant.
        // A BIGINT column is stored as the microseconds it holds.
        assertThat(out)
                .allSatisfy(
                        r -> {
                            assertThat(r.getValue("wall")).isEqualTo("2024-01-01 08:00:00.123456");
                            assertThat(r.getValue("ts")).isEqualTo(MICROS);
                            assertThat(r.getValue("raw_micros"))
                                    .isEqualTo((Long) r.getValue("id") * 1_000_000L);
                        });
    }
}
