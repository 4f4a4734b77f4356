package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.procedures.Procedure;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The catalog's procedures: DataHub operations for {@code CALL}. They live in the database {@link
 * #SYSTEM_DATABASE} ({@code CALL dh.sys.split_shard(...)}), where a bare topic name means the
 * catalog's default project, and can be called in a project too ({@code USE dh.p; CALL
 * split_shard(...)}), where it means that project.
 */
@Internal
public final class DataHubProcedures {
    public static final String SYSTEM_DATABASE = "sys";

    private static final Map<String, BiFunction<DataHubClient, String, DataHubProcedure>>
            PROCEDURES = new TreeMap<>();

    static {
        register(SplitShardProcedure::new);
        register(MergeShardProcedure::new);
        register(ExtendShardsProcedure::new);
        register(CreateSubscriptionProcedure::new);
        register(DeleteSubscriptionProcedure::new);
        register(SetSubscriptionStateProcedure::new);
        register(ResetSubscriptionOffsetProcedure::new);
        register(AppendFieldProcedure::new);
        register(CreateConnectorProcedure::new);
        register(UpdateConnectorStateProcedure::new);
        register(UpdateConnectorOffsetProcedure::new);
        register(ReloadConnectorProcedure::new);
        register(AppendConnectorFieldProcedure::new);
        register(DeleteConnectorProcedure::new);
    }

    private DataHubProcedures() {}

    private static void register(BiFunction<DataHubClient, String, DataHubProcedure> factory) {
        PROCEDURES.put(factory.apply(null, null).name(), factory);
    }

    /** The procedure names, sorted. */
    public static List<String> names() {
        return new ArrayList<>(PROCEDURES.keySet());
    }

    /**
     * The procedure called {@code name}, working with {@code client}.
     *
     * @param defaultProject the project of a bare topic name; null if there is none
     */
    public static Optional<Procedure> get(
            String name, DataHubClient client, @Nullable String defaultProject) {
        BiFunction<DataHubClient, String, DataHubProcedure> factory = PROCEDURES.get(name);
        return factory == null
                ? Optional.empty()
                : Optional.of(factory.apply(client, defaultProject));
    }
}
