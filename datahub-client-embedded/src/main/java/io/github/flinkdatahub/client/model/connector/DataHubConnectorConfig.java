package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/** A sink into another DataHub topic (possibly in another region or account). */
@PublicEvolving
public final class DataHubConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String project;
    private final String topic;
    private final ConnectorAuth auth;

    private DataHubConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.project = b.project;
        this.topic = b.topic;
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
        return type == ConnectorType.SINK_DATAHUB;
    }

    @Override
    public DataHubConnectorConfig withoutSecrets() {
        return toBuilder().auth(auth == null ? null : auth.withoutSecret()).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** The target project. */
    public String getProject() {
        return project;
    }

    /** The target topic. */
    public String getTopic() {
        return topic;
    }

    /** How the sink signs in to the target; null leaves it unset. */
    public ConnectorAuth getAuth() {
        return auth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataHubConnectorConfig)) {
            return false;
        }
        DataHubConnectorConfig c = (DataHubConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(project, c.project)
                && Objects.equals(topic, c.topic)
                && Objects.equals(auth, c.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getTimestampUnit(), endpoint, project, topic, auth);
    }

    @Override
    public String toString() {
        return "DataHubConnectorConfig{endpoint="
                + endpoint
                + ", project="
                + project
                + ", topic="
                + topic
                + ", auth="
                + auth
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link DataHubConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String project;
        private String topic;
        private ConnectorAuth auth;

        private Builder() {}

        private Builder(DataHubConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.project = c.project;
            this.topic = c.topic;
            this.auth = c.auth;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
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
        public DataHubConnectorConfig build() {
            return new DataHubConnectorConfig(this);
        }
    }
}
