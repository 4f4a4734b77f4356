package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Objects;

/**
 * A sink into OSS objects under {@code bucket/prefix}, one directory per {@code timeRange} minutes
 * named with {@code timeFormat} (e.g. {@code %Y%m%d%H%M}).
 */
@PublicEvolving
public final class OssConnectorConfig extends ConnectorConfig {
    private final String endpoint;
    private final String bucket;
    private final String prefix;
    private final String timeFormat;
    private final int timeRange;
    private final long maxFileSize;
    private final ConnectorAuth auth;

    private OssConnectorConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.timeFormat = b.timeFormat;
        this.timeRange = b.timeRange;
        this.maxFileSize = b.maxFileSize;
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
        return type == ConnectorType.SINK_OSS;
    }

    @Override
    public OssConnectorConfig withoutSecrets() {
        return toBuilder().auth(auth == null ? null : auth.withoutSecret()).build();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getBucket() {
        return bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getTimeFormat() {
        return timeFormat;
    }

    /** Minutes per directory; 0 when not set. */
    public int getTimeRange() {
        return timeRange;
    }

    /** Largest object in bytes; 0 leaves the service default. */
    public long getMaxFileSize() {
        return maxFileSize;
    }

    /** How the sink signs in to the target; null leaves it unset. */
    public ConnectorAuth getAuth() {
        return auth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OssConnectorConfig)) {
            return false;
        }
        OssConnectorConfig c = (OssConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(endpoint, c.endpoint)
                && Objects.equals(bucket, c.bucket)
                && Objects.equals(prefix, c.prefix)
                && Objects.equals(timeFormat, c.timeFormat)
                && timeRange == c.timeRange
                && maxFileSize == c.maxFileSize
                && Objects.equals(auth, c.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                getTimestampUnit(),
                endpoint,
                bucket,
                prefix,
                timeFormat,
                timeRange,
                maxFileSize,
                auth);
    }

    @Override
    public String toString() {
        return "OssConnectorConfig{endpoint="
                + endpoint
                + ", bucket="
                + bucket
                + ", prefix="
                + prefix
                + ", timeFormat="
                + timeFormat
                + ", timeRange="
                + timeRange
                + ", maxFileSize="
                + maxFileSize
                + ", auth="
                + auth
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link OssConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String endpoint;
        private String bucket;
        private String prefix;
        private String timeFormat;
        private int timeRange;
        private long maxFileSize;
        private ConnectorAuth auth;

        private Builder() {}

        private Builder(OssConnectorConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.bucket = c.bucket;
            this.prefix = c.prefix;
            this.timeFormat = c.timeFormat;
            this.timeRange = c.timeRange;
            this.maxFileSize = c.maxFileSize;
            this.auth = c.auth;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder timeFormat(String timeFormat) {
            this.timeFormat = timeFormat;
            return this;
        }

        public Builder timeRange(int timeRange) {
            this.timeRange = timeRange;
            return this;
        }

        public Builder maxFileSize(long maxFileSize) {
            this.maxFileSize = maxFileSize;
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
        public OssConnectorConfig build() {
            Validation.check(
                    timeRange >= 0,
                    "OSS connector timeRange must be >= 0 minutes, was " + timeRange);
            Validation.check(
                    maxFileSize >= 0,
                    "OSS connector maxFileSize must be >= 0 bytes (0 = service default), was "
                            + maxFileSize);
            return new OssConnectorConfig(this);
        }
    }
}
