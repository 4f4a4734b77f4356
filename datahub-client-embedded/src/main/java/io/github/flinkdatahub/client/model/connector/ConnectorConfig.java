package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

/**
 * Where and how a connector delivers data; one subclass per target. Instances are immutable: to
 * change a config read with {@code getConnector}, use the subclass's {@code toBuilder()} and update
 * the connector with the result. Builders check value ranges only; whether the target settings are
 * complete is decided by the service, which names the missing key.
 */
@PublicEvolving
public abstract class ConnectorConfig {
    private final TimestampUnit timestampUnit;

    ConnectorConfig(Builder<?> builder) {
        this.timestampUnit = builder.timestampUnit;
    }

    public TimestampUnit getTimestampUnit() {
        return timestampUnit;
    }

    /**
     * Whether this config describes connectors of the given type ({@link DatabaseConnectorConfig}
     * serves two).
     */
    public abstract boolean supports(ConnectorType type);

    /** The same config without access keys and passwords, as the service returns it. */
    public abstract ConnectorConfig withoutSecrets();

    /** Settings common to every config. */
    @PublicEvolving
    public abstract static class Builder<B extends Builder<B>> {
        private TimestampUnit timestampUnit = TimestampUnit.MICROSECOND;

        Builder() {}

        Builder(ConnectorConfig from) {
            this.timestampUnit = from.timestampUnit;
        }

        /** Unit of the topic's TIMESTAMP values; default {@link TimestampUnit#MICROSECOND}. */
        public B timestampUnit(TimestampUnit timestampUnit) {
            this.timestampUnit = Validation.notNull(timestampUnit, "timestampUnit");
            return self();
        }

        abstract B self();

        public abstract ConnectorConfig build();
    }
}
