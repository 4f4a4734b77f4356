package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.SeekOutOfRangeException;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.GetCursorResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static io.github.flinkdatahub.emulator.sdk.Records.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Cursors through the official SDK: OLDEST, LATEST, SEQUENCE and SYSTEM_TIME, and seeking outside
 * the data.
 */
@ExtendWith(SharedEmulatorExtension.class)
class CursorConformanceTest {
    private static final String PROJECT = "sdk_cursors";
    private static final String TOPIC = "three_records";
    private static final RecordSchema SCHEMA = Schemas.allTypes();
    private static DatahubClient client;
    private static List<RecordEntry> written;

    @BeforeAll
    static void writeThreeRecordsAtDistinctTimes(Sdk sdk) {
        client = sdk.client();
        client.createProject(PROJECT, "cursor conformance");
        client.createTopic(PROJECT, TOPIC, 1, 1, RecordType.TUPLE, SCHEMA, "cursors");
        client.waitForShardReady(PROJECT, TOPIC);
        for (long i = 0; i < 3; i++) {
            client.putRecordsByShard(
                    PROJECT, TOPIC, "0", List.of(entry(Schemas.fullRow(SCHEMA, i))));
            sdk.advanceDataClock(Duration.ofSeconds(1));
        }
        written = readAll(client, PROJECT, TOPIC, "0", SCHEMA);
        assertThat(written).extracting(RecordEntry::getSequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void oldestPointsAtTheFirstRecord() {
        assertCursorAt(client.getCursor(PROJECT, TOPIC, "0", CursorType.OLDEST), 0);
    }

    @Test
    void latestPointsAtTheNewestRecord() {
        assertCursorAt(client.getCursor(PROJECT, TOPIC, "0", CursorType.LATEST), 2);
    }

    @Test
    void sequencePointsAtThatRecord() {
        assertCursorAt(client.getCursor(PROJECT, TOPIC, "0", CursorType.SEQUENCE, 1), 1);
    }

    @Test
    void systemTimePointsAtTheFirstRecordReceivedAtOrAfterIt() {
        long t1 = written.get(1).getSystemTime();
        assertCursorAt(client.getCursor(PROJECT, TOPIC, "0", CursorType.SYSTEM_TIME, t1), 1);
        assertCursorAt(client.getCursor(PROJECT, TOPIC, "0", CursorType.SYSTEM_TIME, t1 - 5), 1);
        assertCursorAt(
                client.getCursor(
                        PROJECT,
                        TOPIC,
                        "0",
                        CursorType.SYSTEM_TIME,
                        written.get(2).getSystemTime()),
                2);
    }

    @Test
    void sequenceAfterTheNewestRecordThrowsSeekOutOfRange() {
        SeekOutOfRangeException e =
                catchThrowableOfType(
                        SeekOutOfRangeException.class,
                        () -> client.getCursor(PROJECT, TOPIC, "0", CursorType.SEQUENCE, 99));
        assertServiceError(e, "SeekOutOfRange", 400);
    }

    /**
     * The cursor's sequence and time are those of the record it names, and reading from it starts
     * there.
     */
    private static void assertCursorAt(GetCursorResult cursor, int index) {
        RecordEntry expected = written.get(index);
        assertThat(cursor.getCursor()).isNotBlank();
        assertThat(cursor.getRequestId()).isNotBlank();
        assertThat(cursor.getSequence()).isEqualTo(expected.getSequence());
        assertThat(cursor.getTimestamp()).isEqualTo(expected.getSystemTime());
        List<RecordEntry> read =
                client.getRecords(PROJECT, TOPIC, "0", SCHEMA, cursor.getCursor(), 1).getRecords();
        assertThat(read)
                .extracting(RecordEntry::getSequence)
                .containsExactly(expected.getSequence());
    }
}
