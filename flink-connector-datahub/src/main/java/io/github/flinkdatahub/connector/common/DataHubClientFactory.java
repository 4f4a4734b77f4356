package io.github.flinkdatahub.connector.common;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;

import java.io.Serializable;

/**
 * Opens the clients of a {@link DataHubConnection}. It travels with the connection in the job
 * graph, hence serialisable. The default builds the real HTTP client; tests put a scripted client
 * in its place to reach edge cases (sealed shards, expired cursors, throttling) in milliseconds.
 */
@Internal
@FunctionalInterface
public interface DataHubClientFactory extends Serializable {

    /**
     * A new client for {@code connection} that retries with {@code retryPolicy}; the caller closes
     * it.
     */
    DataHubClient open(DataHubConnection connection, RetryPolicy retryPolicy);
}
