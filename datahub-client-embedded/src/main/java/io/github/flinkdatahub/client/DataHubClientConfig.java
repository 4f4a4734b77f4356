package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.auth.Account;
import io.github.flinkdatahub.client.model.CompressFormat;

import java.net.URI;
import java.time.Duration;

/** The settings of a {@link DataHubClient}, as made by {@link DataHubClientBuilder}. Immutable. */
@PublicEvolving
public final class DataHubClientConfig {
    private final URI endpoint;
    private final Account account;
    private final WireMode wireMode;
    private final CompressFormat compression;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String userAgent;
    private final boolean schemaRegistry;

    DataHubClientConfig(
            URI endpoint,
            Account account,
            WireMode wireMode,
            CompressFormat compression,
            RetryPolicy retryPolicy,
            Duration connectTimeout,
            Duration requestTimeout,
            String userAgent,
            boolean schemaRegistry) {
        this.endpoint = endpoint;
        this.account = account;
        this.wireMode = wireMode;
        this.compression = compression;
        this.retryPolicy = retryPolicy;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.schemaRegistry = schemaRegistry;
    }

    /** The service endpoint, normalised to end with {@code /}; operation paths resolve under it. */
    public URI getEndpoint() {
        return endpoint;
    }

    public Account getAccount() {
        return account;
    }

    public WireMode getWireMode() {
        return wireMode;
    }

    /** Compression of record bodies (PROTOBUF/JSON) or of batch blobs (BATCH). */
    public CompressFormat getCompression() {
        return compression;
    }

    public RetryPolicy getRetryPolicy() {
        return retryPolicy;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public String getUserAgent() {
        return userAgent;
    }

    /**
     * Whether batch puts name the registered schema version of their records and gets read each
     * record with the version it names (BATCH wire only).
     */
    public boolean isSchemaRegistryEnabled() {
        return schemaRegistry;
    }

    @Override
    public String toString() {
        // The account's own toString() masks its secrets.
        return "DataHubClientConfig{endpoint="
                + endpoint
                + ", account="
                + account
                + ", wireMode="
                + wireMode
                + ", compression="
                + compression
                + ", schemaRegistry="
                + schemaRegistry
                + ", retryPolicy="
                + retryPolicy
                + ", connectTimeout="
                + connectTimeout
                + ", requestTimeout="
                + requestTimeout
                + '}';
    }
}
