package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of a put: the records the service refused, by index. A put can partly fail; retry only
 * {@link #getFailedRecordList()}.
 */
@PublicEvolving
public final class PutRecordsResult {
    private final int failedRecordCount;
    private final List<FailedRecord> failedRecords;
    private final List<Record> failedRecordList;

    public PutRecordsResult(int failedRecordCount, List<FailedRecord> failedRecords) {
        this(failedRecordCount, failedRecords, List.of());
    }

    private PutRecordsResult(
            int failedRecordCount,
            List<FailedRecord> failedRecords,
            List<Record> failedRecordList) {
        this.failedRecordCount = failedRecordCount;
        this.failedRecords = List.copyOf(failedRecords);
        this.failedRecordList = List.copyOf(failedRecordList);
    }

    /** The same result with the refused records looked up in the request they answer. */
    public PutRecordsResult withRequestRecords(List<? extends Record> request) {
        List<Record> failed = new ArrayList<>(failedRecords.size());
        for (FailedRecord f : failedRecords) {
            if (f.getIndex() >= 0 && f.getIndex() < request.size()) {
                failed.add(request.get(f.getIndex()));
            }
        }
        return new PutRecordsResult(failedRecordCount, failedRecords, failed);
    }

    public int getFailedRecordCount() {
        return failedRecordCount;
    }

    public List<FailedRecord> getFailedRecords() {
        return failedRecords;
    }

    /** The refused records themselves, in the order of {@link #getFailedRecords()}. */
    public List<Record> getFailedRecordList() {
        return failedRecordList;
    }

    public boolean isAllSucceeded() {
        return failedRecordCount == 0;
    }

    @Override
    public String toString() {
        return "PutRecordsResult{failedRecordCount="
                + failedRecordCount
                + ", failedRecords="
                + failedRecords
                + '}';
    }
}
