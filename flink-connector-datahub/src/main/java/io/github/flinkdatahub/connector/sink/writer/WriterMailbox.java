package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands work from the client's threads back to the task thread, as Flink's {@code AsyncSinkWriter}
 * does, so the writer's state needs no locks.
 */
@Internal
final class WriterMailbox {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    private final MailboxExecutor mailbox;
    private final String topicPath;

    WriterMailbox(MailboxExecutor mailbox, String topicPath) {
        this.mailbox = mailbox;
        this.topicPath = topicPath;
    }

    /** Runs {@code action} on the task thread; after the task ended there is nothing left to do. */
    void execute(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException e) {
            LOG.debug(
                    "Task of the DataHub writer for {} has ended; dropping: {}",
                    topicPath,
                    description);
        }
    }

    void executeLater(long delayMillis, Runnable action, String description) {
        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
                .execute(() -> execute(action::run, description));
    }

    /** Runs mail (put answers, due retries) until one was run: the writer's backpressure. */
    void yield() throws InterruptedException {
        mailbox.yield();
    }
}
