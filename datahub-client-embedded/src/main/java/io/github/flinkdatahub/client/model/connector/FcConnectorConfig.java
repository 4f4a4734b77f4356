package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/** A sink that calls a Function Compute function with the records. */
@PublicEvolving
public final class FcConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String service;
    private final String function;
    private final ConnectorAuth auth;
    private final InvokeType invokeType;

    private FcConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.service = b.service;
        this.function = b.function;
        this.auth = b.auth;
        this.invokeType = b.invokeType;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_FC;
    }

    @Override
    public FcConnectorConfig withoutSecrets() {
        return toBuilder().auth(auth == null ? null : auth.withoutSecret()).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getService() {
        return service;
    }

    public String getFunction() {
        return function;
    }

    /** How the sink signs in to the target; null leaves it unset. */
    public ConnectorAuth getAuth() {
        return auth;
    }

    /** Sync or async invocation; null leaves the service default. */
    public InvokeType getInvokeType() {
        return invokeType;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FcConnectorConfig)) {
            return false;
        }
        FcConnectorConfig c = (FcConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(service, c.service)
                && Objects.equals(function, c.function)
                && Objects.equals(auth, c.auth)
                && invokeType == c.invokeType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getTimestampUnit(), endpoint, service, function, auth, invokeType);
    }

    @Override
    public String toString() {
        return "FcConnectorConfig{endpoint="
                + endpoint
                + ", service="
                + service
                + ", function="
                + function
                + ", auth="
                + auth
                + ", invokeType="
                + invokeType
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link FcConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String service;
        private String function;
        private ConnectorAuth auth;
        private InvokeType invokeType;

        private Builder() {}

        private Builder(FcConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.service = c.service;
            this.function = c.function;
            this.auth = c.auth;
            this.invokeType = c.invokeType;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder function(String function) {
            this.function = function;
            return this;
        }

        public Builder auth(ConnectorAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder invokeType(InvokeType invokeType) {
            this.invokeType = invokeType;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public FcConnectorConfig build() {
            return new FcConnectorConfig(this);
        }
    }
}
