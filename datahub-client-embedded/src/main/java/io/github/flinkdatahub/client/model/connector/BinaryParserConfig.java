package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.List;
import java.util.Objects;

/**
 * How a MaxCompute or Hologres sink turns BLOB records into columns: the parser, the column names
 * it produces and, for {@link BinaryParserType#DELIMITER_PARSER}, the delimiters and the null
 * marker.
 */
@PublicEvolving
public final class BinaryParserConfig {
    private final BinaryParserType parserType;
    private final List<String> columnNames;
    private final boolean parseData;
    private final String lineDelimiter;
    private final String columnDelimiter;
    private final String nullValue;

    private BinaryParserConfig(Builder b) {
        this.parserType = b.parserType;
        this.columnNames = List.copyOf(b.columnNames);
        this.parseData = b.parseData;
        this.lineDelimiter = b.lineDelimiter;
        this.columnDelimiter = b.columnDelimiter;
        this.nullValue = b.nullValue;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .parserType(parserType)
                .columnNames(columnNames)
                .parseData(parseData)
                .lineDelimiter(lineDelimiter)
                .columnDelimiter(columnDelimiter)
                .nullValue(nullValue);
    }

    public BinaryParserType getParserType() {
        return parserType;
    }

    public List<String> getColumnNames() {
        return columnNames;
    }

    public boolean isParseData() {
        return parseData;
    }

    public String getLineDelimiter() {
        return lineDelimiter;
    }

    public String getColumnDelimiter() {
        return columnDelimiter;
    }

    public String getNullValue() {
        return nullValue;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BinaryParserConfig)) {
            return false;
        }
        BinaryParserConfig c = (BinaryParserConfig) o;
        return parseData == c.parseData
                && parserType == c.parserType
                && columnNames.equals(c.columnNames)
                && Objects.equals(lineDelimiter, c.lineDelimiter)
                && Objects.equals(columnDelimiter, c.columnDelimiter)
                && Objects.equals(nullValue, c.nullValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                parserType, columnNames, parseData, lineDelimiter, columnDelimiter, nullValue);
    }

    @Override
    public String toString() {
        return "BinaryParserConfig{parserType="
                + parserType
                + ", columnNames="
                + columnNames
                + ", parseData="
                + parseData
                + ", lineDelimiter="
                + lineDelimiter
                + ", columnDelimiter="
                + columnDelimiter
                + ", nullValue="
                + nullValue
                + '}';
    }

    /** Builds a {@link BinaryParserConfig}. */
    @PublicEvolving
    public static final class Builder {
        private BinaryParserType parserType;
        private List<String> columnNames = List.of();
        private boolean parseData;
        private String lineDelimiter;
        private String columnDelimiter;
        private String nullValue;

        private Builder() {}

        public Builder parserType(BinaryParserType parserType) {
            this.parserType = parserType;
            return this;
        }

        public Builder columnNames(List<String> columnNames) {
            this.columnNames = Validation.notNull(columnNames, "binary parser columnNames");
            return this;
        }

        public Builder parseData(boolean parseData) {
            this.parseData = parseData;
            return this;
        }

        public Builder lineDelimiter(String lineDelimiter) {
            this.lineDelimiter = lineDelimiter;
            return this;
        }

        public Builder columnDelimiter(String columnDelimiter) {
            this.columnDelimiter = columnDelimiter;
            return this;
        }

        public Builder nullValue(String nullValue) {
            this.nullValue = nullValue;
            return this;
        }

        public BinaryParserConfig build() {
            return new BinaryParserConfig(this);
        }
    }
}
