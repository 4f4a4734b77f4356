package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Record;

/** A record not yet acknowledged: its estimated size and its retry history. */
@Internal
final class PendingRecord {
    final Record record;
    final long bytes;
    int retries;

    /** Set when the record is buffered; its puts and retries belong to this lane. */
    ShardLanes.Lane lane;

    /** {@link System#nanoTime()} of the first failure; meaningful once {@code retries > 0}. */
    long firstFailureNanos;

    PendingRecord(Record record, long bytes) {
        this.record = record;
        this.bytes = bytes;
    }
}
