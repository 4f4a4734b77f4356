package io.github.flinkdatahub.connector.testutil;

import org.apache.flink.core.execution.JobClient;

import java.time.Duration;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;

/** Jobs that tests start on a MiniCluster. */
public final class Jobs {
    /** A hang guard only: cancelling takes as long as it takes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Jobs() {}

    /**
     * Cancels {@code job} unless it has ended, and waits until it has: only a terminated job emits
     * and commits nothing more, so what a test reads afterwards is final.
     */
    public static void cancelAndAwait(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            return;
        }
        job.cancel().get();
        waitUtil(
                () -> job.getJobStatus().join().isGloballyTerminalState(),
                TIMEOUT,
                "job " + job.getJobID() + " cancelled");
    }
}
