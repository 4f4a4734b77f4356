package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;

/**
 * The one mapping between DataHub field types and Flink SQL types, used by the table factory (to
 * check declared columns) and the catalog (to describe topics and create them).
 *
 * <pre>
 * DataHub    Flink SQL                 Flink SQL accepted when declared
 * TINYINT    TINYINT                   any integer type (values are range-checked)
 * SMALLINT   SMALLINT
 * INTEGER    INT
 * BIGINT     BIGINT
 * FLOAT      FLOAT                     FLOAT, DOUBLE
 * DOUBLE     DOUBLE
 * DECIMAL    DECIMAL(38, 18)           DECIMAL(p, s), integer types
 * STRING     STRING                    CHAR, VARCHAR, STRING
 * BOOLEAN    BOOLEAN                   BOOLEAN
 * TIMESTAMP  TIMESTAMP(6)              TIMESTAMP(p), TIMESTAMP_LTZ(p), BIGINT (raw microseconds)
 * </pre>
 *
 * DataHub DECIMAL has no declared precision or scale; (38, 18) is the widest Flink decimal that
 * keeps 18 fractional digits, the usual choice for unconstrained numerics (as Flink's JDBC
 * connector does for PostgreSQL NUMERIC). Declare another DECIMAL(p, s) to choose differently.
 */
@Internal
public final class DataHubTypeMapping {
    /** DataHub DECIMAL as a Flink type when nothing narrower is declared. */
    public static final int DECIMAL_PRECISION = 38;

    public static final int DECIMAL_SCALE = 18;

    private DataHubTypeMapping() {}

    /** The Flink type a DataHub field maps to; NOT NULL when the field does not allow null. */
    public static DataType toFlinkType(Field field) {
        DataType type = toFlinkType(field.getType());
        return field.isAllowNull() ? type.nullable() : type.notNull();
    }

    /** The Flink type of a DataHub field type (nullable). */
    public static DataType toFlinkType(FieldType type) {
        switch (type) {
            case TINYINT:
                return DataTypes.TINYINT();
            case SMALLINT:
                return DataTypes.SMALLINT();
            case INTEGER:
                return DataTypes.INT();
            case BIGINT:
                return DataTypes.BIGINT();
            case FLOAT:
                return DataTypes.FLOAT();
            case DOUBLE:
                return DataTypes.DOUBLE();
            case DECIMAL:
                return DataTypes.DECIMAL(DECIMAL_PRECISION, DECIMAL_SCALE);
            case STRING:
                return DataTypes.STRING();
            case BOOLEAN:
                return DataTypes.BOOLEAN();
            case TIMESTAMP:
                return DataTypes.TIMESTAMP(6);
            default:
                throw new IllegalArgumentException("Unknown DataHub field type " + type);
        }
    }

    /**
     * The DataHub field type that stores a Flink column of this type (for CREATE TABLE through the
     * catalog). Fails naming the column for types DataHub cannot store.
     */
    public static FieldType toDataHubType(String column, LogicalType type) {
        switch (type.getTypeRoot()) {
            case TINYINT:
                return FieldType.TINYINT;
            case SMALLINT:
                return FieldType.SMALLINT;
            case INTEGER:
                return FieldType.INTEGER;
            case BIGINT:
                return FieldType.BIGINT;
            case FLOAT:
                return FieldType.FLOAT;
            case DOUBLE:
                return FieldType.DOUBLE;
            case DECIMAL:
                return FieldType.DECIMAL;
            case CHAR:
            case VARCHAR:
                return FieldType.STRING;
            case BOOLEAN:
                return FieldType.BOOLEAN;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return FieldType.TIMESTAMP;
            default:
                throw new ValidationException(
                        "Column '"
                                + column
                                + "' has type "
                                + type.asSummaryString()
                                + ", which a DataHub tuple field cannot store. Use one of TINYINT, SMALLINT, INT, BIGINT,"
                                + " FLOAT, DOUBLE, DECIMAL, STRING/VARCHAR/CHAR, BOOLEAN, TIMESTAMP, TIMESTAMP_LTZ.");
        }
    }

    /**
     * Whether a column declared with {@code declared} can be read from and written to a topic field
     * of type {@code field}. Integer widths and DECIMAL precision are checked per value (a value
     * that does not fit fails naming the field), as the topic's type carries no width for DECIMAL
     * and users commonly declare INT for BIGINT ids they know to be small.
     */
    public static boolean compatible(LogicalType declared, FieldType field) {
        LogicalTypeRoot root = declared.getTypeRoot();
        switch (field) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return isInteger(root);
            case DECIMAL:
                return root == LogicalTypeRoot.DECIMAL || isInteger(root);
            case FLOAT:
            case DOUBLE:
                return root == LogicalTypeRoot.FLOAT || root == LogicalTypeRoot.DOUBLE;
            case STRING:
                return root == LogicalTypeRoot.CHAR || root == LogicalTypeRoot.VARCHAR;
            case BOOLEAN:
                return root == LogicalTypeRoot.BOOLEAN;
            case TIMESTAMP:
                // BIGINT: the raw microseconds, as the hosted connector's type mapping allows.
                return root == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                        || root == LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        || root == LogicalTypeRoot.BIGINT;
            default:
                return false;
        }
    }

    private static boolean isInteger(LogicalTypeRoot root) {
        return root == LogicalTypeRoot.TINYINT
                || root == LogicalTypeRoot.SMALLINT
                || root == LogicalTypeRoot.INTEGER
                || root == LogicalTypeRoot.BIGINT;
    }
}
