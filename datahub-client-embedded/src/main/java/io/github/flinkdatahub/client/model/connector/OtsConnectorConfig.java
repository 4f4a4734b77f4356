package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Objects;

/** A sink into a Tablestore (OTS) table. */
@PublicEvolving
public final class OtsConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String instanceName;
    private final String tableName;
    private final WriteMode writeMode;
    private final ConnectorAuth auth;

    private OtsConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.instanceName = b.instanceName;
        this.tableName = b.tableName;
        this.writeMode = b.writeMode;
        this.auth = b.auth;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_OTS;
    }

    @Override
    public OtsConnectorConfig withoutSecrets() {
        return toBuilder().auth(auth == null ? null : auth.withoutSecret()).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public String getTableName() {
        return tableName;
    }

    /** Default {@link WriteMode#PUT}. */
    public WriteMode getWriteMode() {
        return writeMode;
    }

    /** How the sink signs in to the target; null leaves it unset. */
    public ConnectorAuth getAuth() {
        return auth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OtsConnectorConfig)) {
            return false;
        }
        OtsConnectorConfig c = (OtsConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(instanceName, c.instanceName)
                && Objects.equals(tableName, c.tableName)
                && writeMode == c.writeMode
                && Objects.equals(auth, c.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getTimestampUnit(), endpoint, instanceName, tableName, writeMode, auth);
    }

    @Override
    public String toString() {
        return "OtsConnectorConfig{endpoint="
                + endpoint
                + ", instanceName="
                + instanceName
                + ", tableName="
                + tableName
                + ", writeMode="
                + writeMode
                + ", auth="
                + auth
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link OtsConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String instanceName;
        private String tableName;
        private WriteMode writeMode = WriteMode.PUT;
        private ConnectorAuth auth;

        private Builder() {}

        private Builder(OtsConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.instanceName = c.instanceName;
            this.tableName = c.tableName;
            this.writeMode = c.writeMode;
            this.auth = c.auth;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder instanceName(String instanceName) {
            this.instanceName = instanceName;
            return this;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder writeMode(WriteMode writeMode) {
            this.writeMode = writeMode;
            return this;
        }

        public Builder auth(ConnectorAuth auth) {
            this.auth = auth;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public OtsConnectorConfig build() {
            Validation.notNull(writeMode, "OTS connector writeMode");
            return new OtsConnectorConfig(this);
        }
    }
}
