package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.data.StringData;

import javax.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The system tables of a topic, {@code `<topic>$<name>`} as in Paimon. DataHub topic names cannot
 * contain {@code $}, so such a name never hides a topic.
 */
@Internal
public final class SystemTables {
    /** Between the topic and the system table's name. */
    public static final char SEPARATOR = '$';

    private static final Map<String, SystemTable> TABLES = new LinkedHashMap<>();

    static {
        for (SystemTable table :
                new SystemTable[] {
                    new ShardsTable(),
                    new SubscriptionsTable(),
                    new SubscriptionOffsetsTable(),
                    new SchemasTable(),
                    new ConnectorsTable()
                }) {
            TABLES.put(table.name(), table);
        }
    }

    private SystemTables() {}

    /** Whether the object name has the form of a system table's ({@code topic$name}). */
    public static boolean isSystemTableName(String objectName) {
        return objectName.indexOf(SEPARATOR) >= 0;
    }

    /** The topic of a system table's name; the name itself otherwise. */
    public static String topicOf(String objectName) {
        int at = objectName.indexOf(SEPARATOR);
        return at < 0 ? objectName : objectName.substring(0, at);
    }

    /** The system table a {@code topic$name} object names; empty for an unknown suffix. */
    public static Optional<SystemTable> tableOf(String objectName) {
        int at = objectName.indexOf(SEPARATOR);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(TABLES.get(objectName.substring(at + 1)));
    }

    /** The names after {@code $} that exist, for error messages. */
    public static String names() {
        return String.join(", ", TABLES.keySet());
    }

    /**
     * The catalog table of a system table: its schema and no options, since the catalog's table
     * factory serves it.
     */
    public static CatalogTable catalogTable(ObjectPath path, SystemTable table) {
        return CatalogTable.newBuilder()
                .schema(Schema.newBuilder().fromRowDataType(table.rowType()).build())
                .comment(
                        "System table: "
                                + table.name()
                                + " of topic "
                                + path.getDatabaseName()
                                + "."
                                + topicOf(path.getObjectName())
                                + " (read-only)")
                .options(Collections.emptyMap())
                .build();
    }

    static StringData string(@Nullable Object value) {
        return value == null ? null : StringData.fromString(value.toString());
    }
}
