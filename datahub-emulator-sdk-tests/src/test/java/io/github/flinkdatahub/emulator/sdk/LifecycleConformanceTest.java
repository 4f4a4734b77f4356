package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.InvalidParameterException;
import com.aliyun.datahub.client.exception.SeekOutOfRangeException;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.GetCursorResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static io.github.flinkdatahub.emulator.sdk.Records.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Records older than the topic's lifecycle expire, as on the service: OLDEST moves past them, their
 * cursors become invalid and their sequences are out of range. Runs its own emulator, whose data
 * clock the test moves a day ahead through the admin endpoint.
 */
class LifecycleConformanceTest {
    private static final String PROJECT = "sdk_lifecycle";
    private static final String TOPIC = "one_day";
    private static final RecordSchema SCHEMA = Schemas.allTypes();
    private static EmulatorProcess emulator;
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void start() {
        emulator = EmulatorProcess.start("lifecycle");
        sdk = new Sdk(emulator.endpoint());
        client = sdk.client();
        client.createProject(PROJECT, "lifecycle");
        client.createTopic(PROJECT, TOPIC, 1, 1, RecordType.TUPLE, SCHEMA, "kept one day");
        client.waitForShardReady(PROJECT, TOPIC);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void recordsOlderThanTheLifecycleExpire() {
        client.putRecordsByShard(
                PROJECT,
                TOPIC,
                "0",
                List.of(
                        entry(Schemas.fullRow(SCHEMA, 0)),
                        entry(Schemas.fullRow(SCHEMA, 1)),
                        entry(Schemas.fullRow(SCHEMA, 2))));
        String oldCursor = client.getCursor(PROJECT, TOPIC, "0", CursorType.OLDEST).getCursor();
        assertThat(client.getRecords(PROJECT, TOPIC, "0", SCHEMA, oldCursor, 10).getRecordCount())
                .isEqualTo(3);

        sdk.advanceDataClock(Duration.ofDays(1).plusHours(1));
        client.putRecordsByShard(PROJECT, TOPIC, "0", List.of(entry(Schemas.fullRow(SCHEMA, 3))));

        GetCursorResult oldest = client.getCursor(PROJECT, TOPIC, "0", CursorType.OLDEST);
        assertThat(oldest.getSequence()).isEqualTo(3);
        List<RecordEntry> left = readAll(client, PROJECT, TOPIC, "0", SCHEMA);
        assertThat(left).extracting(RecordEntry::getSequence).containsExactly(3L);

        InvalidParameterException expired =
                catchThrowableOfType(
                        InvalidParameterException.class,
                        () -> client.getRecords(PROJECT, TOPIC, "0", SCHEMA, oldCursor, 10));
        assertServiceError(expired, "InvalidCursor", 400);
        assertServiceError(
                catchThrowableOfType(
                        SeekOutOfRangeException.class,
                        () -> client.getCursor(PROJECT, TOPIC, "0", CursorType.SEQUENCE, 0)),
                "SeekOutOfRange",
                400);
    }
}
