package io.github.flinkdatahub.connector.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.DataHubClientBuilder;
import io.github.flinkdatahub.client.Endpoints;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.connector.DataHubOptionsUtil;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach DataHub: endpoint, credentials, wire mode, compression, retries. The
 * serialisable form of a {@link DataHubClient} that sources, sinks and catalogs ship to task
 * managers; each opens its own client from it. The access key and security token are never printed.
 */
@PublicEvolving
public final class DataHubConnection implements Serializable {
    private static final long serialVersionUID = 3L;

    private final String endpoint;
    private final String accessId;
    private final String accessKey;
    private final String securityToken;
    private final WireMode wireMode;
    private final CompressFormat compression;
    private final int maxRetries;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;

    /** When set, a request is retried for this long rather than {@code maxRetries} times. */
    private final Duration retryTimeout;

    private final Duration requestTimeout;
    private final boolean schemaRegistry;
    private final DataHubClientFactory clientFactory;

    private DataHubConnection(Builder b) {
        this.endpoint = b.endpoint;
        this.accessId = b.accessId;
        this.accessKey = b.accessKey;
        this.securityToken = b.securityToken;
        this.wireMode = b.wireMode;
        this.compression = b.compression;
        this.maxRetries = b.maxRetries;
        this.retryInitialBackoff = b.retryInitialBackoff;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.retryTimeout = b.retryTimeout;
        this.requestTimeout = b.requestTimeout;
        this.schemaRegistry = b.schemaRegistry;
        this.clientFactory = b.clientFactory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens a new client; the caller closes it. */
    public DataHubClient openClient() {
        return openClient(
                retryTimeout == null
                        ? RetryPolicy.of(maxRetries, retryInitialBackoff, retryMaxBackoff)
                        : RetryPolicy.within(retryTimeout, retryInitialBackoff, retryMaxBackoff));
    }

    /**
     * Opens a new client with its own retry policy instead of this connection's; a caller that
     * retries by itself (the sink, with its retry budget) passes {@link RetryPolicy#none()}.
     */
    public DataHubClient openClient(RetryPolicy retryPolicy) {
        return clientFactory.open(this, Preconditions.checkNotNull(retryPolicy, "retryPolicy"));
    }

    /**
     * The real client over HTTP: what {@link #openClient} opens unless a test replaced the factory.
     */
    private DataHubClient openHttpClient(RetryPolicy retryPolicy) {
        DataHubClientBuilder b =
                DataHubClient.builder()
                        .endpoint(endpoint)
                        .wireMode(wireMode)
                        .retryPolicy(retryPolicy)
                        .requestTimeout(requestTimeout)
                        .schemaRegistry(schemaRegistry)
                        .userAgentSuffix("flink-connector-datahub");
        if (securityToken == null) {
            b.credentials(accessId, accessKey);
        } else {
            b.credentials(accessId, accessKey, securityToken);
        }
        if (compression != null) {
            b.compression(compression);
        }
        return b.build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getAccessId() {
        return accessId;
    }

    public WireMode getWireMode() {
        return wireMode;
    }

    public CompressFormat getCompression() {
        return compression;
    }

    /** Whether clients read and write batch records by their registered schema version. */
    public boolean isSchemaRegistryEnabled() {
        return schemaRegistry;
    }

    /**
     * Builds the connection from options (see {@link DataHubOptionsUtil#connection}).
     *
     * @throws ValidationException naming the missing or bad option
     */
    public static DataHubConnection fromOptions(ReadableConfig options) {
        return DataHubOptionsUtil.connection(options);
    }

    @VisibleForTesting
    static int retriesWithin(Duration timeout, Duration interval, Duration maxBackoff) {
        return DataHubOptionsUtil.retriesWithin(timeout, interval, maxBackoff);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataHubConnection)) {
            return false;
        }
        DataHubConnection c = (DataHubConnection) o;
        return maxRetries == c.maxRetries
                && endpoint.equals(c.endpoint)
                && accessId.equals(c.accessId)
                && accessKey.equals(c.accessKey)
                && Objects.equals(securityToken, c.securityToken)
                && wireMode == c.wireMode
                && compression == c.compression
                && retryInitialBackoff.equals(c.retryInitialBackoff)
                && retryMaxBackoff.equals(c.retryMaxBackoff)
                && Objects.equals(retryTimeout, c.retryTimeout)
                && requestTimeout.equals(c.requestTimeout)
                && schemaRegistry == c.schemaRegistry
                && clientFactory.equals(c.clientFactory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, accessId, wireMode, compression, maxRetries);
    }

    @Override
    public String toString() {
        return "DataHubConnection{endpoint="
                + endpoint
                + ", accessId="
                + accessId
                + ", accessKey=******"
                + (securityToken == null ? "" : ", securityToken=******")
                + ", wireMode="
                + wireMode
                + ", compression="
                + compression
                + (schemaRegistry ? ", schemaRegistry=true" : "")
                + (retryTimeout == null
                        ? ", maxRetries=" + maxRetries
                        : ", retryTimeout=" + retryTimeout)
                + (clientFactory == HttpClients.INSTANCE ? "" : ", clientFactory=" + clientFactory)
                + '}';
    }

    /**
     * The default factory. An enum: one instance however often the connection is deserialised, so
     * equal connections stay equal after shipping.
     */
    private enum HttpClients implements DataHubClientFactory {
        INSTANCE;

        @Override
        public DataHubClient open(DataHubConnection connection, RetryPolicy retryPolicy) {
            return connection.openHttpClient(retryPolicy);
        }
    }

    /** Builds a {@link DataHubConnection}. */
    @PublicEvolving
    public static final class Builder {
        private String endpoint;
        private String accessId;
        private String accessKey;
        private String securityToken;
        private WireMode wireMode = WireMode.PROTOBUF;
        private CompressFormat compression;
        private int maxRetries = DataHubOptionsUtil.DEFAULT_MAX_RETRIES;
        private Duration retryInitialBackoff = Duration.ofMillis(100);
        private Duration retryMaxBackoff = Duration.ofSeconds(5);
        private Duration retryTimeout;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private boolean schemaRegistry;
        private DataHubClientFactory clientFactory = HttpClients.INSTANCE;

        private Builder() {}

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder credentials(String accessId, String accessKey) {
            this.accessId = accessId;
            this.accessKey = accessKey;
            return this;
        }

        public Builder securityToken(String securityToken) {
            this.securityToken =
                    securityToken == null || securityToken.isEmpty() ? null : securityToken;
            return this;
        }

        public Builder wireMode(WireMode wireMode) {
            this.wireMode = Preconditions.checkNotNull(wireMode, "wireMode");
            return this;
        }

        /**
         * With the topic schema registry (needs the BATCH wire mode): a batch put names the
         * registered version of its records' schema, and a get reads each record with the schema of
         * the version it was written with, so a job keeps reading across appended fields.
         */
        public Builder schemaRegistry(boolean enabled) {
            this.schemaRegistry = enabled;
            return this;
        }

        /** Null keeps the client's default (NONE, or LZ4 for BATCH). */
        public Builder compression(CompressFormat compression) {
            this.compression = compression;
            return this;
        }

        public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
            Preconditions.checkArgument(
                    maxRetries >= 0, "retries must be >= 0, got %s", maxRetries);
            this.maxRetries = maxRetries;
            this.retryInitialBackoff = Preconditions.checkNotNull(initialBackoff, "initialBackoff");
            this.retryMaxBackoff = Preconditions.checkNotNull(maxBackoff, "maxBackoff");
            this.retryTimeout = null;
            return this;
        }

        /**
         * Retries a request on retryable failures for as long as a retry starts within {@code
         * timeout} of its first try (the hosted connector's {@code retryTimeout}), with doubling
         * backoffs from {@code initialBackoff} up to {@code maxBackoff}.
         */
        public Builder retryWithin(Duration timeout, Duration initialBackoff, Duration maxBackoff) {
            Preconditions.checkArgument(
                    timeout != null && !timeout.isNegative(),
                    "retry timeout must be >= 0, got %s",
                    timeout);
            this.retryTimeout = timeout;
            this.retryInitialBackoff = Preconditions.checkNotNull(initialBackoff, "initialBackoff");
            this.retryMaxBackoff = Preconditions.checkNotNull(maxBackoff, "maxBackoff");
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Preconditions.checkNotNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Replaces the real client with what {@code factory} opens, e.g. a scripted fake. Sources
         * and sinks ship the factory with the connection, so it must be serialisable for any test
         * that runs a job.
         */
        @VisibleForTesting
        public Builder clientFactory(DataHubClientFactory factory) {
            this.clientFactory = Preconditions.checkNotNull(factory, "factory");
            return this;
        }

        public DataHubConnection build() {
            Preconditions.checkArgument(
                    endpoint != null && !endpoint.isBlank(),
                    "The DataHub endpoint is required, e.g. https://dh-cn-hangzhou.aliyuncs.com");
            Preconditions.checkArgument(
                    !Endpoints.hasUserInfo(endpoint), "The DataHub " + Endpoints.USER_INFO_REFUSED);
            Preconditions.checkArgument(
                    accessId != null && !accessId.isEmpty(), "The DataHub access id is required");
            Preconditions.checkArgument(
                    accessKey != null && !accessKey.isEmpty(),
                    "The DataHub access key is required");
            Preconditions.checkArgument(
                    !schemaRegistry || wireMode == WireMode.BATCH,
                    "The schema registry needs the BATCH wire mode (only batch records name a schema"
                            + " version), got %s",
                    wireMode);
            return new DataHubConnection(this);
        }
    }
}
