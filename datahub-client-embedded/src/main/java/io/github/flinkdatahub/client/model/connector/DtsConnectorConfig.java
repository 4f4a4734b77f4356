package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.List;
import java.util.Objects;

/** A source that feeds the topic from a Data Transmission Service (DTS) subscription. */
@PublicEvolving
public final class DtsConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String topic;
    private final String subId;
    private final String user;
    private final String password;
    private final List<String> idFields;

    private DtsConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.topic = b.topic;
        this.subId = b.subId;
        this.user = b.user;
        this.password = b.password;
        this.idFields = List.copyOf(b.idFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SOURCE_DTS;
    }

    @Override
    public DtsConnectorConfig withoutSecrets() {
        return toBuilder().password(null).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** The DTS topic. */
    public String getTopic() {
        return topic;
    }

    /** The DTS subscription id. */
    public String getSubId() {
        return subId;
    }

    public String getUser() {
        return user;
    }

    /** Secret; null in configs read back from the service. */
    public String getPassword() {
        return password;
    }

    public List<String> getIdFields() {
        return idFields;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DtsConnectorConfig)) {
            return false;
        }
        DtsConnectorConfig c = (DtsConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(topic, c.topic)
                && Objects.equals(subId, c.subId)
                && Objects.equals(user, c.user)
                && Objects.equals(password, c.password)
                && idFields.equals(c.idFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getTimestampUnit(), endpoint, topic, subId, user, password, idFields);
    }

    @Override
    public String toString() {
        return "DtsConnectorConfig{endpoint="
                + endpoint
                + ", topic="
                + topic
                + ", subId="
                + subId
                + ", user="
                + user
                + ", password="
                + WireValues.mask(password)
                + ", idFields="
                + idFields
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link DtsConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String topic;
        private String subId;
        private String user;
        private String password;
        private List<String> idFields = List.of();

        private Builder() {}

        private Builder(DtsConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.topic = c.topic;
            this.subId = c.subId;
            this.user = c.user;
            this.password = c.password;
            this.idFields = c.idFields;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder subId(String subId) {
            this.subId = subId;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder idFields(List<String> idFields) {
            this.idFields = Validation.notNull(idFields, "idFields");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public DtsConnectorConfig build() {
            return new DtsConnectorConfig(this);
        }
    }
}
