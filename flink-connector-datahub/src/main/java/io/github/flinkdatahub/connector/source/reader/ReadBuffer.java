package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers of completed reads waiting for the fetcher thread, in the order they completed, and the
 * bytes they hold. Reads complete on the client's threads; the fetcher takes one answer per fetch
 * and waits here, until an answer arrives, a wake-up, or a shard becomes due. It counts the bytes
 * and the records of the answers it holds, for the scheduler's budgets.
 *
 * <p>The bytes of an answer are those of its records as the reader counts {@code numBytesIn} (blob
 * data, tuple values' text, attributes) plus {@link #RECORD_OVERHEAD} per record for the decoded
 * object and its position fields: an estimate of the heap the records hold until Flink takes them.
 */
@Internal
final class ReadBuffer {
    /** Heap of one decoded record besides its payload: object headers, position, cursors. */
    static final long RECORD_OVERHEAD = 128;

    /** One completed read: a page, a decision taken without reading, or a failure. */
    static final class Answer {
        final ShardReadState shard;
        final Object value;
        final Throwable failure;

        /** Payload bytes of each record of a page, as numBytesIn counts them; empty otherwise. */
        final long[] recordBytes;

        final long bytes;
        final int records;

        /** Wall-clock milliseconds when the read completed. */
        final long completedAt;

        /** The shard's next read was started when this one completed. */
        final boolean followed;

        Answer(ShardReadState shard, Object value, Throwable failure, long completedAt) {
            this(shard, value, failure, completedAt, false);
        }

        private Answer(
                ShardReadState shard,
                Object value,
                Throwable failure,
                long completedAt,
                boolean followed) {
            this.shard = shard;
            this.value = value;
            this.failure = failure;
            this.recordBytes = recordBytes(value);
            long n = 0;
            for (long b : recordBytes) {
                n += b + RECORD_OVERHEAD;
            }
            this.bytes = n;
            this.records = recordBytes.length;
            this.completedAt = completedAt;
            this.followed = followed;
        }

        /** The same answer, marked as followed by the shard's next read. */
        Answer followed() {
            return new Answer(shard, value, failure, recordBytes, bytes, completedAt);
        }

        private Answer(
                ShardReadState shard,
                Object value,
                Throwable failure,
                long[] recordBytes,
                long bytes,
                long completedAt) {
            this.shard = shard;
            this.value = value;
            this.failure = failure;
            this.recordBytes = recordBytes;
            this.bytes = bytes;
            this.records = recordBytes.length;
            this.completedAt = completedAt;
            this.followed = true;
        }
    }

    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private long bytes;
    private long records;
    private long reservedBytes;
    private long reservedRecords;
    private boolean wokenUp;

    synchronized void add(Answer answer) {
        answers.add(answer);
        bytes += answer.bytes;
        records += answer.records;
        notifyAll();
    }

    /** Answers waiting to be taken. */
    synchronized int size() {
        return answers.size();
    }

    /** Whether no answer waits to be taken. */
    synchronized boolean isEmpty() {
        return answers.isEmpty();
    }

    /** Bytes of the answers not yet taken. */
    synchronized long bufferedBytes() {
        return bytes;
    }

    /** Records of the answers not yet taken. */
    synchronized long bufferedRecords() {
        return records;
    }

    /** Bytes of the answers not yet taken plus those reserved for pages read ahead. */
    synchronized long heldBytes() {
        return bytes + reservedBytes;
    }

    /** Records of the answers not yet taken plus those reserved for pages read ahead. */
    synchronized long heldRecords() {
        return records + reservedRecords;
    }

    /** Holds budget for a page read ahead, until {@link #release} (it may be discarded). */
    synchronized void reserve(long bytes, long records) {
        reservedBytes += bytes;
        reservedRecords += records;
    }

    synchronized void release(long bytes, long records) {
        reservedBytes -= bytes;
        reservedRecords -= records;
    }

    /**
     * The oldest answer; when there is none, waits for one at most {@code maxWaitMillis} or until
     * {@link #wakeUp()}, and returns null if none came. A wake-up ends one wait, also one that has
     * not begun yet.
     */
    synchronized Answer take(long maxWaitMillis) {
        if (answers.isEmpty()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            try {
                while (answers.isEmpty() && !wokenUp) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wokenUp = false;
        }
        Answer a = answers.poll();
        if (a != null) {
            bytes -= a.bytes;
            records -= a.records;
        }
        return a;
    }

    synchronized void wakeUp() {
        wokenUp = true;
        notifyAll();
    }

    private static final long[] NO_RECORDS = new long[0];

    private static long[] recordBytes(Object value) {
        if (!(value instanceof GetRecordsResult)) {
            return NO_RECORDS;
        }
        List<Record> records = ((GetRecordsResult) value).getRecords();
        long[] sizes = new long[records.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sizeOf(records.get(i));
        }
        return sizes;
    }

    /** Approximate payload size: blob bytes, or the text size of tuple values, plus attributes. */
    static long sizeOf(Record record) {
        long size = 0;
        if (record instanceof BlobRecord) {
            size = ((BlobRecord) record).getDataLength();
        } else if (record instanceof TupleRecord) {
            TupleRecord t = (TupleRecord) record;
            for (int i = 0, n = t.getSchema().size(); i < n; i++) {
                Object v = t.getValue(i);
                if (v instanceof String) {
                    size += ((String) v).length();
                } else if (v != null) {
                    size += 8;
                }
            }
        }
        Map<String, String> attributes = record.getAttributes();
        if (attributes.isEmpty()) {
            return size;
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            size +=
                    a.getKey().getBytes(StandardCharsets.UTF_8).length
                            + a.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }
}
