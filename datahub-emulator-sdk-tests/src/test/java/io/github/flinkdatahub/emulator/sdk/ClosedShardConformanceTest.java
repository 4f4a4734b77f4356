package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.ShardSealedException;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.GetRecordsResult;
import com.aliyun.datahub.client.model.PutErrorEntry;
import com.aliyun.datahub.client.model.PutRecordsResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.ShardState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.assertSameTuple;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A shard closed by a split, seen by each SDK configuration: writes are refused, the records are
 * still readable, and reading past the last one ends with {@code ShardSealedException}, the signal
 * consumers take as "shard finished".
 */
@ExtendWith(SharedEmulatorExtension.class)
class ClosedShardConformanceTest {
    private static final String PROJECT = "sdk_closed";

    /** Written by the protobuf client: one sequence per record. */
    private static final String RECORD_TOPIC = "sealed_records";

    /** Written by the batch client: one sequence per put. */
    private static final String BATCH_TOPIC = "sealed_batches";

    private static final RecordSchema SCHEMA = Schemas.allTypes();
    private static Sdk sdk;

    @BeforeAll
    static void writeAndSplit(Sdk shared) {
        sdk = shared;
        DatahubClient pb = sdk.client();
        pb.createProject(PROJECT, "closed shards");
        for (String topic : List.of(RECORD_TOPIC, BATCH_TOPIC)) {
            pb.createTopic(PROJECT, topic, 1, 1, RecordType.TUPLE, SCHEMA, topic);
            pb.waitForShardReady(PROJECT, topic);
        }
        pb.putRecordsByShard(
                PROJECT,
                RECORD_TOPIC,
                "0",
                List.of(
                        entry(Schemas.fullRow(SCHEMA, 0)),
                        entry(Schemas.fullRow(SCHEMA, 1)),
                        entry(Schemas.fullRow(SCHEMA, 2))));
        DatahubClient batch = sdk.client(ClientMode.BATCH);
        batch.putRecordsByShard(
                PROJECT,
                BATCH_TOPIC,
                "0",
                List.of(entry(Schemas.fullRow(SCHEMA, 0)), entry(Schemas.fullRow(SCHEMA, 1))));
        batch.putRecordsByShard(
                PROJECT, BATCH_TOPIC, "0", List.of(entry(Schemas.fullRow(SCHEMA, 2))));
        for (String topic : List.of(RECORD_TOPIC, BATCH_TOPIC)) {
            sdk.afterCoolDown(() -> pb.splitShard(PROJECT, topic, "0"));
            pb.waitForShardReady(PROJECT, topic);
            assertThat(ShardConformanceTest.shards(pb, PROJECT, topic).get("0").getState())
                    .isEqualTo(ShardState.CLOSED);
        }
    }

    private static String topicFor(ClientMode mode) {
        return mode.batch() ? BATCH_TOPIC : RECORD_TOPIC;
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void writesToAClosedShardThrowShardSealed(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        RecordEntry record = entry(Schemas.fullRow(SCHEMA, 9));
        if (mode.wire == ClientMode.Wire.JSON) {
            // The JSON client can only route by shard id; the service may refuse the whole request
            // or just the record, but it must not write it.
            record.setShardId("0");
            PutRecordsResult result;
            try {
                result = client.putRecords(PROJECT, topicFor(mode), List.of(record));
            } catch (ShardSealedException e) {
                assertServiceError(e, "InvalidShardOperation", 400);
                return;
            }
            assertThat(result.getFailedRecordCount()).isEqualTo(1);
            assertThat(result.getPutErrorEntries())
                    .extracting(PutErrorEntry::getErrorcode)
                    .containsExactly("InvalidShardOperation");
            return;
        }
        ShardSealedException e =
                catchThrowableOfType(
                        ShardSealedException.class,
                        () ->
                                client.putRecordsByShard(
                                        PROJECT, topicFor(mode), "0", List.of(record)));
        assertServiceError(e, "InvalidShardOperation", 400);
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void aClosedShardIsReadToItsEndAndThenThrowsShardSealed(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = topicFor(mode);
        String cursor = client.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();

        GetRecordsResult all = client.getRecords(PROJECT, topic, "0", SCHEMA, cursor, 100);

        assertThat(all.getRecords()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertSameTuple(all.getRecords().get(i).getRecordData(), Schemas.fullRow(SCHEMA, i));
        }
        assertThat(all.getRecords())
                .extracting(RecordEntry::getSequence)
                .containsExactly(mode.batch() ? new Long[] {0L, 0L, 1L} : new Long[] {0L, 1L, 2L});
        ShardSealedException e =
                catchThrowableOfType(
                        ShardSealedException.class,
                        () ->
                                client.getRecords(
                                        PROJECT, topic, "0", SCHEMA, all.getNextCursor(), 100));
        assertServiceError(e, "InvalidShardOperation", 400);
    }
}
