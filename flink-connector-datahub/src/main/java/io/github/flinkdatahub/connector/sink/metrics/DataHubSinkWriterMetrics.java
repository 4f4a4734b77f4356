package io.github.flinkdatahub.connector.sink.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.util.function.IntSupplier;

/**
 * The writer's metrics: FLIP-33 numRecordsOut / numBytesOut (acknowledged records and their
 * estimated bytes; Flink also reports them as numRecordsSend / numBytesSend), numRecordsOutErrors
 * (records refused, once per refusal, retried or not), currentSendTime (ms of the last acknowledged
 * put), and DataHub-specific counters: retries (records sent again), throttledRequests (puts
 * answered LimitExceeded as a whole or for some of their records), plus gauges of pending records
 * and requests in flight.
 */
@Internal
public final class DataHubSinkWriterMetrics {
    public static final String RETRIES = "retries";
    public static final String THROTTLED_REQUESTS = "throttledRequests";
    public static final String PENDING_RECORDS = "pendingRecords";
    public static final String IN_FLIGHT_REQUESTS = "inFlightRequests";

    private final Counter numRecordsOut;
    private final Counter numBytesOut;
    private final Counter numRecordsOutErrors;
    private final Counter retries;
    private final Counter throttledRequests;
    private volatile long currentSendTime;

    public DataHubSinkWriterMetrics(
            SinkWriterMetricGroup group, IntSupplier pendingRecords, IntSupplier inFlight) {
        this.numRecordsOut = group.getIOMetricGroup().getNumRecordsOutCounter();
        this.numBytesOut = group.getIOMetricGroup().getNumBytesOutCounter();
        this.numRecordsOutErrors = group.getNumRecordsOutErrorsCounter();
        this.retries = group.counter(RETRIES);
        this.throttledRequests = group.counter(THROTTLED_REQUESTS);
        group.setCurrentSendTimeGauge(() -> currentSendTime);
        group.gauge(PENDING_RECORDS, (Gauge<Integer>) pendingRecords::getAsInt);
        group.gauge(IN_FLIGHT_REQUESTS, (Gauge<Integer>) inFlight::getAsInt);
    }

    public void acknowledged(long records, long bytes) {
        numRecordsOut.inc(records);
        numBytesOut.inc(bytes);
    }

    public void refused(long records) {
        numRecordsOutErrors.inc(records);
    }

    public void retried(long records) {
        retries.inc(records);
    }

    public void throttled() {
        throttledRequests.inc();
    }

    public void sendTime(long millis) {
        currentSendTime = millis;
    }

    public long acknowledgedCount() {
        return numRecordsOut.getCount();
    }

    public long retriesCount() {
        return retries.getCount();
    }

    public long throttledCount() {
        return throttledRequests.getCount();
    }
}
