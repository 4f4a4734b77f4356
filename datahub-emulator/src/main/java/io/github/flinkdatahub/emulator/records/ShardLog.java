package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.emulator.store.EmulatorStore;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The record log of one shard, in the shard's record map of the {@link EmulatorStore}: each entry
 * under its sequence, and the log's {@link LogBounds} under the reserved key -1, so entries and
 * bounds change in the same store commit and vanish together when the topic is deleted.
 *
 * <p>Not thread-safe on its own: callers change a log only under the emulator lock, which also
 * keeps sequences consistent with split and merge.
 */
public final class ShardLog {
    private static final Long BOUNDS_KEY = -1L;

    private final MVMap<Long, byte[]> map;

    private ShardLog(MVMap<Long, byte[]> map) {
        this.map = map;
    }

    public static ShardLog open(EmulatorStore store, String topicKey, String shardId) {
        return new ShardLog(store.records(topicKey, shardId));
    }

    public LogBounds bounds() {
        return LogBounds.fromBytes(map.get(BOUNDS_KEY));
    }

    /**
     * Appends entries with dense sequences, all with the same system time: {@code now}, or the
     * newest entry's time if the clock went backwards, so times never decrease along the log.
     *
     * @return the entries as appended, with sequence and system time
     */
    public List<LogEntry> append(List<LogEntry> entries, long now) {
        LogBounds b = bounds();
        long time = Math.max(now, b.latestTime());
        long seq = b.next();
        long bytes = b.storedBytes();
        List<LogEntry> placed = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            LogEntry p = e.at(seq++, time);
            map.put(p.sequence(), p.toBytes());
            bytes += p.storedSize();
            placed.add(p);
        }
        if (!entries.isEmpty()) {
            map.put(BOUNDS_KEY, new LogBounds(b.first(), seq, time, bytes).toBytes());
        }
        return placed;
    }

    /** The entry at {@code sequence}, or null when it is not retained. */
    public LogEntry entry(long sequence) {
        byte[] stored = sequence < 0 ? null : map.get(sequence);
        return stored == null ? null : LogEntry.fromBytes(sequence, stored);
    }

    /**
     * Entries from {@code from} on, in order, while they stay within {@code maxEntries} entries,
     * {@code maxRecords} records and {@code maxBytes} of payload. The first entry is always
     * included, so a batch larger than the limits is still read (whole: batches are never split).
     */
    public List<LogEntry> read(long from, int maxEntries, int maxRecords, long maxBytes) {
        List<LogEntry> out = new ArrayList<>();
        int records = 0;
        long bytes = 0;
        Cursor<Long, byte[]> c = map.cursor(Math.max(0, from));
        while (c.hasNext() && out.size() < maxEntries) {
            long seq = c.next();
            LogEntry e = LogEntry.fromBytes(seq, c.getValue());
            records += e.recordCount();
            bytes += e.payload().length;
            if (!out.isEmpty() && (records > maxRecords || bytes > maxBytes)) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The first retained sequence whose system time is at or after {@code timeMillis}, or {@code
     * next} when every retained entry is older. Times never decrease along the log, so this is a
     * binary search.
     */
    public long firstAtOrAfter(long timeMillis) {
        LogBounds b = bounds();
        long lo = b.first();
        long hi = b.next();
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (LogEntry.systemTimeOf(map.get(mid)) < timeMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Drops the entries appended before {@code cutoffMillis} (at the head of the log); returns how
     * many.
     */
    public int expireBefore(long cutoffMillis) {
        LogBounds b = bounds();
        long first = b.first();
        long bytes = b.storedBytes();
        while (first < b.next()) {
            byte[] stored = map.get(first);
            if (LogEntry.systemTimeOf(stored) >= cutoffMillis) {
                break;
            }
            map.remove(first);
            bytes -= stored.length;
            first++;
        }
        int expired = (int) (first - b.first());
        if (expired > 0) {
            map.put(BOUNDS_KEY, new LogBounds(first, b.next(), b.latestTime(), bytes).toBytes());
        }
        return expired;
    }

    /** Removes every entry and the bounds (the shard itself is gone). */
    public void drop() {
        map.clear();
    }
}
