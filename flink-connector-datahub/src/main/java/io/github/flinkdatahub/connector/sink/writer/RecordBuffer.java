package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

/** Records waiting for one kind of put, in order, with their estimated bytes. */
@Internal
final class RecordBuffer {
    private final ArrayDeque<PendingRecord> records = new ArrayDeque<>();
    private long bytes;

    void add(PendingRecord r) {
        records.addLast(r);
        bytes += r.bytes;
    }

    /** Puts records back in front, keeping their order: retries go before newer records. */
    void addFirst(List<PendingRecord> batch) {
        for (ListIterator<PendingRecord> it = batch.listIterator(batch.size());
                it.hasPrevious(); ) {
            PendingRecord r = it.previous();
            records.addFirst(r);
            bytes += r.bytes;
        }
    }

    /**
     * Takes the next batch: at most {@code maxRecords} and {@code maxBytes}, but at least one
     * record.
     */
    List<PendingRecord> take(int maxRecords, long maxBytes) {
        List<PendingRecord> batch = new ArrayList<>(Math.min(maxRecords, records.size()));
        long taken = 0;
        while (!records.isEmpty() && batch.size() < maxRecords) {
            PendingRecord next = records.peekFirst();
            if (!batch.isEmpty() && taken + next.bytes > maxBytes) {
                break;
            }
            records.pollFirst();
            batch.add(next);
            taken += next.bytes;
        }
        bytes -= taken;
        return batch;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    int size() {
        return records.size();
    }

    long bytes() {
        return bytes;
    }
}
