package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

/**
 * Whether a writer still works: the first error that fails the job, which every later call
 * rethrows, and whether the writer was closed.
 */
@Internal
final class WriterStatus {
    // The writer's log category, where users look for its failure.
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    private final String topicPath;
    @Nullable private DataHubSinkException failure;
    private boolean closed;

    WriterStatus(String topicPath) {
        this.topicPath = topicPath;
    }

    /** Keeps the first failure and returns it to be thrown: later ones are its consequences. */
    DataHubSinkException fail(DataHubSinkException e) {
        if (failure == null) {
            failure = e;
            LOG.error("DataHub sink for topic {} fails: {}", topicPath, e.getMessage());
        }
        return failure;
    }

    void check() {
        if (failure != null) {
            throw failure;
        }
    }

    boolean failed() {
        return failure != null;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** A failed or closed writer sends nothing more and ignores the answers still coming. */
    boolean stopped() {
        return closed || failure != null;
    }
}
