package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sink into a MaxCompute (ODPS) table. With a time-based {@link PartitionMode} the sink cuts a
 * new partition every {@code timeRange} minutes and names it with {@code partitionConfig}:
 * partition column to time format, in the table's partition-column order (e.g. {@code ds -> %Y%m%d,
 * hh -> %H}).
 */
@PublicEvolving
public final class OdpsConnectorConfig extends ConnectorConfig {
    private final String project;
    private final String table;
    private final String odpsEndpoint;
    private final String tunnelEndpoint;
    private final String accessId;
    private final String accessKey;
    private final PartitionMode partitionMode;
    private final int timeRange;
    private final String timeZone;
    private final Map<String, String> partitionConfig;
    private final String splitKey;
    private final Boolean base64Encode;
    private final BinaryParserConfig binaryParserConfig;

    private OdpsConnectorConfig(Builder b) {
        super(b);
        this.project = b.project;
        this.table = b.table;
        this.odpsEndpoint = b.odpsEndpoint;
        this.tunnelEndpoint = b.tunnelEndpoint;
        this.accessId = b.accessId;
        this.accessKey = b.accessKey;
        this.partitionMode = b.partitionMode;
        this.timeRange = b.timeRange;
        this.timeZone = b.timeZone;
        // Order matters: it must follow the table's partition columns.
        this.partitionConfig = Collections.unmodifiableMap(new LinkedHashMap<>(b.partitionConfig));
        this.splitKey = b.splitKey;
        this.base64Encode = b.base64Encode;
        this.binaryParserConfig = b.binaryParserConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_ODPS;
    }

    @Override
    public OdpsConnectorConfig withoutSecrets() {
        return toBuilder().accessKey(null).build();
    }

    /** The MaxCompute project (not the DataHub project). */
    public String getProject() {
        return project;
    }

    public String getTable() {
        return table;
    }

    public String getOdpsEndpoint() {
        return odpsEndpoint;
    }

    /** Tunnel endpoint; null lets the service derive it from the ODPS endpoint. */
    public String getTunnelEndpoint() {
        return tunnelEndpoint;
    }

    public String getAccessId() {
        return accessId;
    }

    /** Secret; null in configs read back from the service. */
    public String getAccessKey() {
        return accessKey;
    }

    public PartitionMode getPartitionMode() {
        return partitionMode;
    }

    /** Minutes per partition for time-based partition modes; 0 when not set. */
    public int getTimeRange() {
        return timeRange;
    }

    public String getTimeZone() {
        return timeZone;
    }

    /** Partition column to time format, in partition-column order; empty when not set. */
    public Map<String, String> getPartitionConfig() {
        return partitionConfig;
    }

    public String getSplitKey() {
        return splitKey;
    }

    /** Whether BLOB data is written Base64-encoded; null leaves the service default. */
    public Boolean getBase64Encode() {
        return base64Encode;
    }

    public BinaryParserConfig getBinaryParserConfig() {
        return binaryParserConfig;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OdpsConnectorConfig)) {
            return false;
        }
        OdpsConnectorConfig c = (OdpsConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(project, c.project)
                && Objects.equals(table, c.table)
                && Objects.equals(odpsEndpoint, c.odpsEndpoint)
                && Objects.equals(tunnelEndpoint, c.tunnelEndpoint)
                && Objects.equals(accessId, c.accessId)
                && Objects.equals(accessKey, c.accessKey)
                && partitionMode == c.partitionMode
                && timeRange == c.timeRange
                && Objects.equals(timeZone, c.timeZone)
                // Map equality ignores order, but the order of partition columns is meaningful.
                && new ArrayList<>(partitionConfig.entrySet())
                        .equals(new ArrayList<>(c.partitionConfig.entrySet()))
                && Objects.equals(splitKey, c.splitKey)
                && Objects.equals(base64Encode, c.base64Encode)
                && Objects.equals(binaryParserConfig, c.binaryParserConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                getTimestampUnit(),
                project,
                table,
                odpsEndpoint,
                tunnelEndpoint,
                accessId,
                accessKey,
                partitionMode,
                timeRange,
                timeZone,
                partitionConfig,
                splitKey,
                base64Encode,
                binaryParserConfig);
    }

    @Override
    public String toString() {
        return "OdpsConnectorConfig{project="
                + project
                + ", table="
                + table
                + ", odpsEndpoint="
                + odpsEndpoint
                + ", tunnelEndpoint="
                + tunnelEndpoint
                + ", accessId="
                + accessId
                + ", accessKey="
                + WireValues.mask(accessKey)
                + ", partitionMode="
                + partitionMode
                + ", timeRange="
                + timeRange
                + ", timeZone="
                + timeZone
                + ", partitionConfig="
                + partitionConfig
                + ", splitKey="
                + splitKey
                + ", base64Encode="
                + base64Encode
                + ", binaryParserConfig="
                + binaryParserConfig
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds an {@link OdpsConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String project;
        private String table;
        private String odpsEndpoint;
        private String tunnelEndpoint;
        private String accessId;
        private String accessKey;
        private PartitionMode partitionMode;
        private int timeRange;
        private String timeZone;
        private Map<String, String> partitionConfig = new LinkedHashMap<>();
        private String splitKey;
        private Boolean base64Encode;
        private BinaryParserConfig binaryParserConfig;

        private Builder() {}

        private Builder(OdpsConnectorConfig c) {
            super(c);
            this.project = c.project;
            this.table = c.table;
            this.odpsEndpoint = c.odpsEndpoint;
            this.tunnelEndpoint = c.tunnelEndpoint;
            this.accessId = c.accessId;
            this.accessKey = c.accessKey;
            this.partitionMode = c.partitionMode;
            this.timeRange = c.timeRange;
            this.timeZone = c.timeZone;
            this.partitionConfig = new LinkedHashMap<>(c.partitionConfig);
            this.splitKey = c.splitKey;
            this.base64Encode = c.base64Encode;
            this.binaryParserConfig = c.binaryParserConfig;
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder odpsEndpoint(String odpsEndpoint) {
            this.odpsEndpoint = odpsEndpoint;
            return this;
        }

        public Builder tunnelEndpoint(String tunnelEndpoint) {
            this.tunnelEndpoint = tunnelEndpoint;
            return this;
        }

        public Builder accessId(String accessId) {
            this.accessId = accessId;
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder partitionMode(PartitionMode partitionMode) {
            this.partitionMode = partitionMode;
            return this;
        }

        /** Minutes per partition (time-based partition modes). */
        public Builder timeRange(int timeRange) {
            this.timeRange = timeRange;
            return this;
        }

        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        /**
         * Partition column to time format; pass a {@link LinkedHashMap} so the column order is
         * kept.
         */
        public Builder partitionConfig(Map<String, String> partitionConfig) {
            this.partitionConfig =
                    new LinkedHashMap<>(Validation.notNull(partitionConfig, "partitionConfig"));
            return this;
        }

        public Builder splitKey(String splitKey) {
            this.splitKey = splitKey;
            return this;
        }

        public Builder base64Encode(Boolean base64Encode) {
            this.base64Encode = base64Encode;
            return this;
        }

        public Builder binaryParserConfig(BinaryParserConfig binaryParserConfig) {
            this.binaryParserConfig = binaryParserConfig;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public OdpsConnectorConfig build() {
            Validation.check(
                    timeRange >= 0,
                    "ODPS connector timeRange must be >= 0 minutes, was " + timeRange);
            return new OdpsConnectorConfig(this);
        }
    }
}
