package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Objects;

/**
 * A sink into a MySQL or AnalyticDB (ADS) table. With {@code ignore} (the default) rows are written
 * with INSERT IGNORE, so existing keys are kept; without it they are replaced.
 */
@PublicEvolving
public final class DatabaseConnectorConfig extends ConnectorConfig {
    private final String host;
    private final int port;
    private final String database;
    private final String table;
    private final String user;
    private final String password;
    private final boolean ignore;

    private DatabaseConnectorConfig(Builder b) {
        super(b);
        this.host = b.host;
        this.port = b.port;
        this.database = b.database;
        this.table = b.table;
        this.user = b.user;
        this.password = b.password;
        this.ignore = b.ignore;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean supports(ConnectorType type) {
        return type == ConnectorType.SINK_MYSQL || type == ConnectorType.SINK_ADS;
    }

    @Override
    public DatabaseConnectorConfig withoutSecrets() {
        return toBuilder().password(null).build();
    }

    public String getHost() {
        return host;
    }

    /** Port; 0 when not set. */
    public int getPort() {
        return port;
    }

    public String getDatabase() {
        return database;
    }

    public String getTable() {
        return table;
    }

    public String getUser() {
        return user;
    }

    /** Secret; null in configs read back from the service. */
    public String getPassword() {
        return password;
    }

    /** Whether conflicting rows are ignored (INSERT IGNORE) rather than replaced. */
    public boolean isIgnore() {
        return ignore;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DatabaseConnectorConfig)) {
            return false;
        }
        DatabaseConnectorConfig c = (DatabaseConnectorConfig) o;
        return getTimestampUnit() == c.getTimestampUnit()
                && Objects.equals(host, c.host)
                && port == c.port
                && Objects.equals(database, c.database)
                && Objects.equals(table, c.table)
                && Objects.equals(user, c.user)
                && Objects.equals(password, c.password)
                && ignore == c.ignore;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                getTimestampUnit(), host, port, database, table, user, password, ignore);
    }

    @Override
    public String toString() {
        return "DatabaseConnectorConfig{host="
                + host
                + ", port="
                + port
                + ", database="
                + database
                + ", table="
                + table
                + ", user="
                + user
                + ", password="
                + WireValues.mask(password)
                + ", ignore="
                + ignore
                + ", timestampUnit="
                + getTimestampUnit()
                + '}';
    }

    /** Builds a {@link DatabaseConnectorConfig}. */
    @PublicEvolving
    public static final class Builder extends ConnectorConfig.Builder<Builder> {
        private String host;
        private int port;
        private String database;
        private String table;
        private String user;
        private String password;
        private boolean ignore = true;

        private Builder() {}

        private Builder(DatabaseConnectorConfig c) {
            super(c);
            this.host = c.host;
            this.port = c.port;
            this.database = c.database;
            this.table = c.table;
            this.user = c.user;
            this.password = c.password;
            this.ignore = c.ignore;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
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

        public Builder ignore(boolean ignore) {
            this.ignore = ignore;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public DatabaseConnectorConfig build() {
            Validation.check(
                    port >= 0 && port <= 65535,
                    "database connector port must be 1..65535 (or 0 = unset), was " + port);
            return new DatabaseConnectorConfig(this);
        }
    }
}
