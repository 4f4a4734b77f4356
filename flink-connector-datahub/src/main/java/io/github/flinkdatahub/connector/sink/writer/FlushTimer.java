package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.ProcessingTimeService;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Sends what the buffers hold once the flush interval has passed, so a slow stream's records do not
 * wait for a full batch; runs only while records are buffered.
 */
@Internal
final class FlushTimer {
    private final ProcessingTimeService timeService;
    private final long intervalMillis;
    private final WriterStatus status;
    private final Runnable sendAll;
    private final BooleanSupplier buffered;
    private boolean registered;

    FlushTimer(
            ProcessingTimeService timeService,
            Duration interval,
            WriterStatus status,
            Runnable sendAll,
            BooleanSupplier buffered) {
        this.timeService = timeService;
        this.intervalMillis = interval.toMillis();
        this.status = status;
        this.sendAll = sendAll;
        this.buffered = buffered;
    }

    /** Called when a record was buffered: starts the interval unless it runs already. */
    void ensureRegistered() {
        if (registered || status.closed()) {
            return;
        }
        registered = true;
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + intervalMillis,
                time -> {
                    registered = false;
                    if (status.stopped()) {
                        return;
                    }
                    sendAll.run();
                    if (buffered.getAsBoolean()) {
                        ensureRegistered();
                    }
                });
    }
}
