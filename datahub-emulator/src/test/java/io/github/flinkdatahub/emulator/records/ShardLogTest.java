package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.emulator.store.EmulatorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardLogTest {
    private final EmulatorStore store = EmulatorStore.inMemory();
    private final ShardLog log = ShardLog.open(store, "p/t", "0");

    @AfterEach
    void close() {
        store.close();
    }

    private static List<LogEntry> records(int n, int size) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LogEntry.record(new byte[size]));
        }
        return out;
    }

    @Test
    void appendsGetDenseSequencesAndTheBoundsFollow() {
        assertThat(log.bounds().isEmpty()).isTrue();
        assertThat(log.bounds().latestSequence()).isEqualTo(-1);
        log.append(records(2, 10), 1_000);
        List<LogEntry> placed = log.append(List.of(LogEntry.batch(new byte[30], 5)), 2_000);

        assertThat(placed.get(0).sequence()).isEqualTo(2);
        LogBounds b = log.bounds();
        assertThat(b.first()).isZero();
        assertThat(b.next()).isEqualTo(3);
        assertThat(b.latestTime()).isEqualTo(2_000);
        assertThat(b.storedBytes()).isEqualTo(2 * (13 + 10) + 13 + 30);
        assertThat(log.entry(2).recordCount()).isEqualTo(5);
        assertThat(log.entry(2).kind()).isEqualTo(LogEntry.Kind.BATCH);
        assertThat(log.entry(3)).isNull();
    }

    @Test
    void timesNeverGoBackwards() {
        log.append(records(1, 1), 5_000);
        log.append(records(1, 1), 4_000);
        assertThat(log.entry(1).systemTime()).isEqualTo(5_000);
    }

    @Test
    void readsStopAtTheLimitsButAlwaysReturnAWholeFirstEntry() {
        log.append(List.of(LogEntry.batch(new byte[8], 4)), 1);
        log.append(records(5, 8), 2);
        assertThat(log.read(0, 10, 3, 1_000)).extracting(LogEntry::sequence).containsExactly(0L);
        assertThat(log.read(0, 10, 6, 1_000))
                .extracting(LogEntry::sequence)
                .containsExactly(0L, 1L, 2L);
        assertThat(log.read(0, 2, 100, 1_000))
                .extracting(LogEntry::sequence)
                .containsExactly(0L, 1L);
        assertThat(log.read(1, 10, 100, 20)).extracting(LogEntry::sequence).containsExactly(1L, 2L);
        assertThat(log.read(6, 10, 100, 1_000)).isEmpty();
    }

    @Test
    void firstAtOrAfterSearchesByTime() {
        log.append(records(2, 1), 100);
        log.append(records(3, 1), 200);
        log.append(records(1, 1), 300);
        assertThat(log.firstAtOrAfter(0)).isZero();
        assertThat(log.firstAtOrAfter(100)).isZero();
        assertThat(log.firstAtOrAfter(101)).isEqualTo(2);
        assertThat(log.firstAtOrAfter(300)).isEqualTo(5);
        assertThat(log.firstAtOrAfter(301)).isEqualTo(6);
    }

    @Test
    void expiryDropsTheHeadAndItsBytes() {
        log.append(records(2, 10), 100);
        log.append(records(1, 10), 200);
        assertThat(log.expireBefore(100)).isZero();
        assertThat(log.expireBefore(150)).isEqualTo(2);
        LogBounds b = log.bounds();
        assertThat(b.first()).isEqualTo(2);
        assertThat(b.next()).isEqualTo(3);
        assertThat(b.storedBytes()).isEqualTo(23);
        assertThat(log.entry(0)).isNull();
        assertThat(log.expireBefore(1_000)).isEqualTo(1);
        assertThat(log.bounds().isEmpty()).isTrue();
        assertThat(log.bounds().latestTime()).isEqualTo(200);
        assertThat(log.append(records(1, 1), 300).get(0).sequence()).isEqualTo(3);
    }
}
