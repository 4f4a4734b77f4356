package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;

import java.util.ArrayDeque;
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
        final long bytes;
        final int records;

        /** Wall-clock milliseconds when the read completed. */
        final long completedAt;

        Answer(ShardReadState shard, Object value, Throwable failure, long completedAt) {
            this.shard = shard;
            this.value = value;
            this.failure = failure;
            this.bytes = bytesOf(value);
            this.records =
                    value instanceof GetRecordsResult
                            ? ((GetRecordsResult) value).getRecords().size()
                            : 0;
            this.completedAt = completedAt;
        }
    }

    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private long bytes;
    private long records;
    private boolean wokenUp;

    synchronized void add(Answer answer) {
        answers.add(answer);
        bytes += answer.bytes;
        records += answer.records;
        notifyAll();
    }

    /** Bytes of the answers not yet taken. */
    synchronized long bufferedBytes() {
        return bytes;
    }

    /** Records of the answers not yet taken. */
    synchronized long bufferedRecords() {
        return records;
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

    private static long bytesOf(Object value) {
        if (!(value instanceof GetRecordsResult)) {
            return 0;
        }
        long n = 0;
        for (Record r : ((GetRecordsResult) value).getRecords()) {
            n += DataHubRecordEmitter.sizeOf(r) + RECORD_OVERHEAD;
        }
        return n;
    }
}
