package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/**
 * A sink into a Hologres instance, addressed like a DataHub topic ({@code project}/{@code topic})
 * plus the instance id; BLOB topics are split into columns by {@code binaryParserConfig}.
 */
@PublicEvolving
public final class HologresConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String project;
    private final String topic;
    private final String instanceId;
    private final ConnectorAuth auth;
    private final BinaryParserConfig binaryParserConfig;
    private final Boolean skipDirtyPack;

    private HologresConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.project = b.project;
        this.topic = b.topic;
        this.instanceId = b.instanceId;
        this.auth = b.auth;
        this.binaryParserConfig = b.binaryParserConfig;
        this.skipDirtyPack = b.skipDirtyPack;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_HOLOGRES;
    }

    @Override
    public HologresConnectorConfig withoutSecrets() {
        return toBuilder().auth(auth == null ? null : auth.withoutSecret()).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getProject() {
        return project;
    }

    public String getTopic() {
        return topic;
    }

    public String getInstanceId() {
        return instanceId;
    }

    /** How the sink signs in to the target; null leaves it unset. */
    public ConnectorAuth getAuth() {
        return auth;
    }

    public BinaryParserConfig getBinaryParserConfig() {
        return binaryParserConfig;
    }

    /** Whether packs the target rejects are skipped; null leaves the service default. */
    public Boolean getSkipDirtyPack() {
        return skipDirtyPack;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HologresConnectorConfig)) {
            return false;
        }
        HologresConnectorConfig c = (HologresConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(project, c.project)
                && Objects.equals(topic, c.topic)
                && Objects.equals(instanceId, c.instanceId)
                && Objects.equals(auth, c.auth)
                && Objects.equals(binaryParserConfig, c.binaryParserConfig)
                && Objects.equals(skipDirtyPack, c.skipDirtyPack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                getTimestampUnit(),
                endpoint,
                project,
                topic,
                instanceId,
                auth,
                binaryParserConfig,
                skipDirtyPack);
    }

    @Override
    public String toString() {
        return "HologresConnectorConfig{endpoint="
                + endpoint
                + ", project="
                + project
                + ", topic="
                + topic
                + ", instanceId="
                + instanceId
                + ", auth="
                + auth
                + ", binaryParserConfig="
                + binaryParserConfig
                + ", skipDirtyPack="
                + skipDirtyPack
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link HologresConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String project;
        private String topic;
        private String instanceId;
        private ConnectorAuth auth;
        private BinaryParserConfig binaryParserConfig;
        private Boolean skipDirtyPack;

        private Builder() {}

        private Builder(HologresConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.project = c.project;
            this.topic = c.topic;
            this.instanceId = c.instanceId;
            this.auth = c.auth;
            this.binaryParserConfig = c.binaryParserConfig;
            this.skipDirtyPack = c.skipDirtyPack;
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

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder auth(ConnectorAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder binaryParserConfig(BinaryParserConfig binaryParserConfig) {
            this.binaryParserConfig = binaryParserConfig;
            return this;
        }

        public Builder skipDirtyPack(Boolean skipDirtyPack) {
            this.skipDirtyPack = skipDirtyPack;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public HologresConnectorConfig build() {
            return new HologresConnectorConfig(this);
        }
    }
}
