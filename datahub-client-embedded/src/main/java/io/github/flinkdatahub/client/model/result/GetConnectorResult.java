package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.ShardContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connector's definition and state. The config comes back without secrets (access keys,
 * passwords); to change it, take {@code getConfig()}'s builder, set what changes (and the secrets
 * again) and update.
 */
@PublicEvolving
public final class GetConnectorResult {
    /**
     * Key of {@link #getExtraConfig()} holding the id of the subscription the connector reads with.
     */
    public static final String SUBSCRIPTION_ID_KEY = "SubscriptionId";

    private final String connectorId;
    private final String clusterAddress;
    private final ConnectorType type;
    private final ConnectorState state;
    private final String creator;
    private final String owner;
    private final long createTime;
    private final long lastModifyTime;
    private final List<String> columnFields;
    private final Map<String, String> columnNameMap;
    private final ConnectorConfig config;
    private final Map<String, String> extraConfig;
    private final List<ShardContext> shardContexts;

    private GetConnectorResult(Builder b) {
        this.connectorId = b.connectorId;
        this.clusterAddress = b.clusterAddress;
        this.type = b.type;
        this.state = b.state;
        this.creator = b.creator;
        this.owner = b.owner;
        this.createTime = b.createTime;
        this.lastModifyTime = b.lastModifyTime;
        this.columnFields = List.copyOf(b.columnFields);
        this.columnNameMap = Collections.unmodifiableMap(new LinkedHashMap<>(b.columnNameMap));
        this.config = b.config;
        this.extraConfig = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraConfig));
        this.shardContexts = List.copyOf(b.shardContexts);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getConnectorId() {
        return connectorId;
    }

    public String getClusterAddress() {
        return clusterAddress;
    }

    /** Null when the service sent a type this client does not know. */
    public ConnectorType getType() {
        return type;
    }

    /** Null when the service sent a state this client does not know. */
    public ConnectorState getState() {
        return state;
    }

    public String getCreator() {
        return creator;
    }

    public String getOwner() {
        return owner;
    }

    public long getCreateTime() {
        return createTime;
    }

    public long getLastModifyTime() {
        return lastModifyTime;
    }

    /** The topic fields the connector delivers, in order. */
    public List<String> getColumnFields() {
        return columnFields;
    }

    /** Topic field to target column, where they differ. */
    public Map<String, String> getColumnNameMap() {
        return columnNameMap;
    }

    /**
     * The typed config (a subclass matching {@link #getType()}); null for an unknown type. No
     * secrets.
     */
    public ConnectorConfig getConfig() {
        return config;
    }

    /** The service's {@code ExtraInfo}, e.g. {@value #SUBSCRIPTION_ID_KEY}. */
    public Map<String, String> getExtraConfig() {
        return extraConfig;
    }

    /** Per-shard progress (deprecated by the service; {@code getConnectorShardStatus} has more). */
    public List<ShardContext> getShardContexts() {
        return shardContexts;
    }

    /** The subscription the connector reads with; null if the service did not say. */
    public String getSubId() {
        return extraConfig.get(SUBSCRIPTION_ID_KEY);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetConnectorResult)) {
            return false;
        }
        GetConnectorResult r = (GetConnectorResult) o;
        return Objects.equals(connectorId, r.connectorId)
                && Objects.equals(clusterAddress, r.clusterAddress)
                && type == r.type
                && state == r.state
                && Objects.equals(creator, r.creator)
                && Objects.equals(owner, r.owner)
                && createTime == r.createTime
                && lastModifyTime == r.lastModifyTime
                && columnFields.equals(r.columnFields)
                && columnNameMap.equals(r.columnNameMap)
                && Objects.equals(config, r.config)
                && extraConfig.equals(r.extraConfig)
                && shardContexts.equals(r.shardContexts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                connectorId,
                clusterAddress,
                type,
                state,
                creator,
                owner,
                createTime,
                lastModifyTime,
                columnFields,
                columnNameMap,
                config,
                extraConfig,
                shardContexts);
    }

    @Override
    public String toString() {
        return "GetConnectorResult{connectorId="
                + connectorId
                + ", type="
                + type
                + ", state="
                + state
                + ", clusterAddress="
                + clusterAddress
                + ", creator="
                + creator
                + ", owner="
                + owner
                + ", createTime="
                + createTime
                + ", lastModifyTime="
                + lastModifyTime
                + ", columnFields="
                + columnFields
                + ", columnNameMap="
                + columnNameMap
                + ", config="
                + config
                + ", extraConfig="
                + extraConfig
                + ", shardContexts="
                + shardContexts
                + '}';
    }

    /** Builds a {@link GetConnectorResult} (used when decoding, and by servers that encode one). */
    @PublicEvolving
    public static final class Builder {
        private String connectorId;
        private String clusterAddress;
        private ConnectorType type;
        private ConnectorState state;
        private String creator;
        private String owner;
        private long createTime;
        private long lastModifyTime;
        private List<String> columnFields = List.of();
        private Map<String, String> columnNameMap = Map.of();
        private ConnectorConfig config;
        private Map<String, String> extraConfig = Map.of();
        private List<ShardContext> shardContexts = List.of();

        private Builder() {}

        public Builder connectorId(String connectorId) {
            this.connectorId = connectorId;
            return this;
        }

        public Builder clusterAddress(String clusterAddress) {
            this.clusterAddress = clusterAddress;
            return this;
        }

        public Builder type(ConnectorType type) {
            this.type = type;
            return this;
        }

        public Builder state(ConnectorState state) {
            this.state = state;
            return this;
        }

        public Builder creator(String creator) {
            this.creator = creator;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder createTime(long createTime) {
            this.createTime = createTime;
            return this;
        }

        public Builder lastModifyTime(long lastModifyTime) {
            this.lastModifyTime = lastModifyTime;
            return this;
        }

        public Builder columnFields(List<String> columnFields) {
            this.columnFields = Validation.notNull(columnFields, "columnFields");
            return this;
        }

        public Builder columnNameMap(Map<String, String> columnNameMap) {
            this.columnNameMap = Validation.notNull(columnNameMap, "columnNameMap");
            return this;
        }

        public Builder config(ConnectorConfig config) {
            this.config = config;
            return this;
        }

        public Builder extraConfig(Map<String, String> extraConfig) {
            this.extraConfig = Validation.notNull(extraConfig, "extraConfig");
            return this;
        }

        public Builder shardContexts(List<ShardContext> shardContexts) {
            this.shardContexts = Validation.notNull(shardContexts, "shardContexts");
            return this;
        }

        public GetConnectorResult build() {
            Validation.check(
                    config == null || type == null || config.supports(type),
                    "connector config "
                            + (config == null ? "" : config.getClass().getSimpleName())
                            + " does not fit connector type "
                            + type);
            return new GetConnectorResult(this);
        }
    }
}
