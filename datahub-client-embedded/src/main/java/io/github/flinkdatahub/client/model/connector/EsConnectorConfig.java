package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.List;
import java.util.Objects;

/**
 * A sink into an Elasticsearch index. {@code idFields} make the document id, {@code typeFields} the
 * type, {@code routerFields} the routing key; {@code proxyMode} writes through the endpoint only,
 * without discovering the cluster nodes (required for VPC instances).
 */
@PublicEvolving
public final class EsConnectorConfig extends ConnectorConfig {
    private final String index;
    private final String endpoint;
    private final String user;
    private final String password;
    private final List<String> idFields;
    private final List<String> typeFields;
    private final List<String> routerFields;
    private final boolean proxyMode;

    private EsConnectorConfig(Builder b) {
        super(b);
        this.index = b.index;
        this.endpoint = b.endpoint;
        this.user = b.user;
        this.password = b.password;
        this.idFields = List.copyOf(b.idFields);
        this.typeFields = List.copyOf(b.typeFields);
        this.routerFields = List.copyOf(b.routerFields);
        this.proxyMode = b.proxyMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_ES;
    }

    @Override
    public EsConnectorConfig withoutSecrets() {
        return toBuilder().password(null).build();
    }

    public String getIndex() {
        return index;
    }

    public String getEndpoint() {
        return endpoint;
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

    public List<String> getTypeFields() {
        return typeFields;
    }

    public List<String> getRouterFields() {
        return routerFields;
    }

    public boolean isProxyMode() {
        return proxyMode;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EsConnectorConfig)) {
            return false;
        }
        EsConnectorConfig c = (EsConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(index, c.index)
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(user, c.user)
                && Objects.equals(password, c.password)
                && idFields.equals(c.idFields)
                && typeFields.equals(c.typeFields)
                && routerFields.equals(c.routerFields)
                && proxyMode == c.proxyMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                getTimestampUnit(),
                index,
                endpoint,
                user,
                password,
                idFields,
                typeFields,
                routerFields,
                proxyMode);
    }

    @Override
    public String toString() {
        return "EsConnectorConfig{index="
                + index
                + ", endpoint="
                + endpoint
                + ", user="
                + user
                + ", password="
                + WireValues.mask(password)
                + ", idFields="
                + idFields
                + ", typeFields="
                + typeFields
                + ", routerFields="
                + routerFields
                + ", proxyMode="
                + proxyMode
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link EsConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String index;
        private String endpoint;
        private String user;
        private String password;
        private List<String> idFields = List.of();
        private List<String> typeFields = List.of();
        private List<String> routerFields = List.of();
        private boolean proxyMode;

        private Builder() {}

        private Builder(EsConnectorConfig c) {
            super(c);
            this.index = c.index;
            this.endpoint = c.endpoint;
            this.user = c.user;
            this.password = c.password;
            this.idFields = c.idFields;
            this.typeFields = c.typeFields;
            this.routerFields = c.routerFields;
            this.proxyMode = c.proxyMode;
        }

        public Builder index(String index) {
            this.index = index;
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
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

        public Builder typeFields(List<String> typeFields) {
            this.typeFields = Validation.notNull(typeFields, "typeFields");
            return this;
        }

        public Builder routerFields(List<String> routerFields) {
            this.routerFields = Validation.notNull(routerFields, "routerFields");
            return this;
        }

        public Builder proxyMode(boolean proxyMode) {
            this.proxyMode = proxyMode;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public EsConnectorConfig build() {
            return new EsConnectorConfig(this);
        }
    }
}
