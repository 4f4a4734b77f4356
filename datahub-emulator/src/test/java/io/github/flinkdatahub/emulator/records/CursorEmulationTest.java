package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The four cursor types, their errors, and the cursor format. */
class CursorEmulationTest {
    private static final String PROJECT = "cursor_ops";
    private static final String TOPIC = "three";
    static DataHubEmulator emulator;
    static DataHubClient client;
    static RawRequests raw;

    /** The records of {@link #TOPIC}, put ten seconds apart by the data clock. */
    static List<Record> written;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        raw = new RawRequests(emulator);
        client.createProject(PROJECT, "cursors");
        client.createBlobTopic(PROJECT, TOPIC, 1, 3, "");
        for (int i = 0; i < 3; i++) {
            client.putRecordsByShard(
                    PROJECT, TOPIC, "0", List.of(BlobRecord.of(new byte[] {(byte) i})));
            emulator.clock().advance(Duration.ofSeconds(10));
        }
        written = TopicContents.shard(client, PROJECT, TOPIC, "0");
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        emulator.close();
    }

    private static GetCursorResult cursor(CursorType type, long param) {
        return client.getCursor(PROJECT, TOPIC, "0", type, param);
    }

    /** The cursor names record {@code index}, with its time, and reading from it starts there. */
    private static void assertAt(GetCursorResult c, int index) {
        Record r = written.get(index);
        assertThat(c.getSequence()).isEqualTo(r.getSequence());
        assertThat(c.getRecordTime()).isEqualTo(r.getSystemTime());
        assertThat(c.getCursor()).isEqualTo(r.getCursor());
        GetRecordsResult read = client.getBlobRecords(PROJECT, TOPIC, "0", c.getCursor(), 1);
        assertThat(RecordFixtures.sequences(read.getRecords())).containsExactly(r.getSequence());
    }

    @Test
    void oldestAndLatestNameTheFirstAndTheNewestRecord() {
        assertAt(cursor(CursorType.OLDEST, -1), 0);
        assertAt(cursor(CursorType.LATEST, -1), 2);
    }

    @Test
    void sequenceNamesThatRecordAndIsOutOfRangeOutsideTheRetainedOnes() {
        assertAt(cursor(CursorType.SEQUENCE, 1), 1);
        assertThat(
                        catchThrowableOfType(
                                        () -> cursor(CursorType.SEQUENCE, 3),
                                        SeekOutOfRangeException.class)
                                .getErrorCode())
                .isEqualTo("SeekOutOfRange");
        assertThat(
                        catchThrowableOfType(
                                        () -> cursor(CursorType.SEQUENCE, 1000),
                                        SeekOutOfRangeException.class)
                                .getErrorMessage())
                .contains("[0, 3)");
    }

    @Test
    void asyncCursorsNameTheSameRecordsAsSyncOnes() {
        long t1 = written.get(1).getSystemTime();
        CompletableFuture<GetCursorResult> oldest = cursorAsync(client, CursorType.OLDEST, -1);
        CompletableFuture<GetCursorResult> latest = cursorAsync(client, CursorType.LATEST, -1);
        CompletableFuture<GetCursorResult> sequence = cursorAsync(client, CursorType.SEQUENCE, 1);
        CompletableFuture<GetCursorResult> time = cursorAsync(client, CursorType.SYSTEM_TIME, t1);
        assertAt(oldest.join(), 0);
        assertAt(latest.join(), 2);
        assertAt(sequence.join(), 1);
        assertAt(time.join(), 1);
        assertThat(sequence.join()).isEqualTo(cursor(CursorType.SEQUENCE, 1));
    }

    @Test
    void anAsyncCursorOutOfRangeFailsWithTheTypedException() {
        assertThat(cursorAsync(client, CursorType.SEQUENCE, 3))
                .failsWithin(Duration.ofSeconds(60))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        SeekOutOfRangeException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo("SeekOutOfRange"));
    }

    @Test
    void aThrottledAsyncCursorRequestIsRetriedLikeTheOtherAsyncCalls() {
        emulator.faults().set(PROJECT, TOPIC, FaultRule.none().throttleRate(1).maxFaults(2));
        long throttledBefore = emulator.faults().throttledCount();
        try (DataHubClient retrying =
                emulator.clientBuilder()
                        .retryPolicy(
                                RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                        .build()) {
            assertAt(cursorAsync(retrying, CursorType.SEQUENCE, 2).join(), 2);
        } finally {
            emulator.faults().clear(PROJECT, TOPIC);
        }
        assertThat(emulator.faults().throttledCount() - throttledBefore).isEqualTo(2);
    }

    private static CompletableFuture<GetCursorResult> cursorAsync(
            DataHubClient c, CursorType type, long param) {
        return c.getCursorAsync(PROJECT, TOPIC, "0", type, param);
    }

    @Test
    void systemTimeNamesTheFirstRecordAtOrAfterIt() {
        long t1 = written.get(1).getSystemTime();
        assertAt(cursor(CursorType.SYSTEM_TIME, t1), 1);
        assertAt(cursor(CursorType.SYSTEM_TIME, t1 - 5_000), 1);
        assertAt(cursor(CursorType.SYSTEM_TIME, t1 + 1), 2);
        assertAt(cursor(CursorType.SYSTEM_TIME, 0), 0);
        long newest = written.get(2).getSystemTime();
        assertAt(cursor(CursorType.SYSTEM_TIME, newest), 2);
        assertThat(
                        catchThrowableOfType(
                                        () -> cursor(CursorType.SYSTEM_TIME, newest + 1),
                                        SeekOutOfRangeException.class)
                                .getErrorCode())
                .isEqualTo("SeekOutOfRange");
    }

    @Test
    void anEmptyShardHasOldestAndLatestAtItsNextSequence() {
        client.createBlobTopic(PROJECT, "empty", 1, 1, "");
        GetCursorResult oldest = client.getCursor(PROJECT, "empty", "0", CursorType.OLDEST);
        GetCursorResult latest = client.getCursor(PROJECT, "empty", "0", CursorType.LATEST);
        assertThat(oldest.getSequence()).isZero();
        assertThat(oldest.getRecordTime()).isZero();
        assertThat(latest).isEqualTo(oldest);
        assertThat(
                        catchThrowableOfType(
                                () ->
                                        client.getCursor(
                                                PROJECT, "empty", "0", CursorType.SEQUENCE, 0),
                                SeekOutOfRangeException.class))
                .isNotNull();
        assertThat(
                        catchThrowableOfType(
                                () ->
                                        client.getCursor(
                                                PROJECT, "empty", "0", CursorType.SYSTEM_TIME, 0),
                                SeekOutOfRangeException.class))
                .isNotNull();

        GetRecordsResult nothing =
                client.getBlobRecords(PROJECT, "empty", "0", oldest.getCursor(), 10);
        assertThat(nothing.getRecordCount()).isZero();
        assertThat(nothing.getNextCursor()).isEqualTo(oldest.getCursor());
        assertThat(nothing.getLatestSequence()).isEqualTo(-1);
        client.putRecordsByShard(
                PROJECT,
                "empty",
                "0",
                List.of(BlobRecord.of("first".getBytes(StandardCharsets.UTF_8))));
        assertThat(
                        RecordFixtures.blobTexts(
                                client.getBlobRecords(PROJECT, "empty", "0", oldest.getCursor(), 10)
                                        .getRecords()))
                .containsExactly("first");
    }

    @Test
    void cursorsAreThirtyTwoLowerCaseHexDigitsWithTimeAndSequence() {
        Record r = written.get(2);
        String expected =
                String.format(
                        Locale.ROOT,
                        "3000%08x%016x0000",
                        r.getSystemTime() / 1000,
                        r.getSequence());
        assertThat(cursor(CursorType.LATEST, -1).getCursor()).isEqualTo(expected);
        // A record's next cursor is the cursor of the record after it.
        assertThat(written.get(0).getNextCursor()).isEqualTo(written.get(1).getCursor());
    }

    @Test
    void malformedParametersAreInvalidParameter() {
        String path = "/projects/" + PROJECT + "/topics/" + TOPIC + "/shards/0";
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        path,
                                                        "{\"Action\":\"cursor\",\"Type\":\"SYSTEM_TIME\",\"SystemTime\":\"ErrorTime\"}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("Invalid time value: ErrorTime");
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        path,
                                                        "{\"Action\":\"cursor\",\"Type\":\"SEQUENCE\"}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("Invalid sequence value: null");
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        path,
                                                        "{\"Action\":\"cursor\",\"Type\":\"SYSTEM_TIME\",\"SystemTime\":-5}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("Invalid time value: -5");
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        path,
                                                        "{\"Action\":\"cursor\",\"Type\":\"NEWEST\"}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("Invalid cursor type: NEWEST");
        // Any case is taken, as for actions.
        assertThat(raw.json("POST", path, "{\"Action\":\"cursor\",\"Type\":\"oldest\"}"))
                .contains(written.get(0).getCursor());
    }

    @Test
    void aCursorThatIsNotOursOrPointsBeyondTheDataIsInvalid() {
        String beyond = String.format(Locale.ROOT, "3000%08x%016x0000", 0, 4);
        for (String bad :
                List.of(
                        "not-a-cursor",
                        "20000000000000000000000000000000",
                        beyond,
                        "3000000000000000000000000000000g",
                        written.get(0).getCursor().substring(0, 28) + "0001")) {
            InvalidCursorException e =
                    catchThrowableOfType(
                            () -> client.getBlobRecords(PROJECT, TOPIC, "0", bad, 1),
                            InvalidCursorException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getErrorMessage()).isEqualTo("The cursor is invalid.");
        }
    }

    @Test
    void cursorsOfAnUnknownShardAreNoSuchShard() {
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.getCursor(
                                                        PROJECT, TOPIC, "5", CursorType.OLDEST),
                                        ShardNotFoundException.class)
                                .getErrorMessage())
                .isEqualTo("ShardId Not Exist. Invalid shard id:" + PROJECT + "/" + TOPIC + "/5");
    }
}
