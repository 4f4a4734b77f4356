package io.github.flinkdatahub.connector.source.reader;

import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadSchedulerTest {

    private static ReadScheduler scheduler(long maxBytes, int maxRecords) {
        ReadScheduler s =
                new ReadScheduler(
                        new FetchSettings(
                                1000,
                                Duration.ofMillis(10),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(1),
                                maxBytes,
                                maxRecords));
        s.add(
                new ShardReadState(
                        new ShardSplit(
                                "0",
                                ShardPosition.earliest(),
                                List.of(),
                                "00000000000000000000000000000000",
                                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                                ShardSplit.NO_STOP,
                                ShardSplit.NO_STOP,
                                false)));
        return s;
    }

    @Test
    void noReadStartsWhileTheBufferedRecordsReachTheRecordBudget() {
        ReadScheduler s = scheduler(Long.MAX_VALUE, 50);

        assertThat(s.nextToRequest(0, 0, 50)).isNull();
        assertThat(s.nextToRequest(0, 0, 49)).isNotNull();
    }

    @Test
    void withoutARecordBudgetOnlyTheBytesCount() {
        ReadScheduler s = scheduler(1000, Integer.MAX_VALUE);

        assertThat(s.nextToRequest(0, 999, 1_000_000)).isNotNull();
        s.get("0").reading = false;
        assertThat(s.nextToRequest(0, 1000, 0)).isNull();
    }
}
