package io.github.flinkdatahub.connector.common;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure behind a future of the client's asynchronous calls. */
@Internal
public final class AsyncFailures {
    private AsyncFailures() {}

    /** The failure itself, without the wrappers of asynchronous completion. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
