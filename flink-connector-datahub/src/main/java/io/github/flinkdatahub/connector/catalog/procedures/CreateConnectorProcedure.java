package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.protocol.json.ConnectorConfigJson;
import io.github.flinkdatahub.client.protocol.json.Json;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code create_connector(topic, type, column_fields, config_json [, start_time])}: a service-side
 * connector delivering the comma-separated {@code column_fields} to the target the JSON config
 * describes (the members of the DataHub API's connector {@code Config}, e.g. {@code
 * {"Project":"p","Table":"t",...}} for {@code sink_odps}), from {@code start_time} (ms since the
 * epoch) or the oldest data. Returns the connector's id.
 */
@Internal
public final class CreateConnectorProcedure extends DataHubProcedure {
    CreateConnectorProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "create_connector";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "type", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "column_fields", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "config_json", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "start_time",
                        type = @DataTypeHint("BIGINT"),
                        isOptional = true)
            },
            output = @DataTypeHint("ROW<connector_id STRING>"))
    public Row[] call(
            ProcedureContext context,
            String topic,
            String type,
            String columnFields,
            String configJson,
            @Nullable Long startTime) {
        TopicRef t = topic(topic);
        ConnectorType connectorType = connectorType(type);
        List<String> columns = columns(columnFields);
        ConnectorConfig config = config(connectorType, configJson);
        long start = startTime == null ? -1 : startTime;
        if (start < -1) {
            throw invalid("start_time", start + " is negative; give ms since the epoch");
        }
        String id =
                service(
                        "create a " + connectorType.wireValue() + " connector of " + t,
                        () ->
                                client().createConnector(
                                                t.project,
                                                t.topic,
                                                connectorType,
                                                columns,
                                                config,
                                                start)
                                        .getConnectorId());
        return new Row[] {Row.of(id)};
    }

    private ConnectorType connectorType(@Nullable String type) {
        String value = required("type", type);
        try {
            return ConnectorType.fromWireValue(value);
        } catch (DataHubException e) {
            throw invalid(
                    "type",
                    "'"
                            + value
                            + "' is not one of "
                            + Arrays.stream(ConnectorType.values())
                                    .map(ConnectorType::wireValue)
                                    .collect(Collectors.joining(", ")));
        }
    }

    private List<String> columns(@Nullable String columnFields) {
        List<String> columns =
                Arrays.stream(required("column_fields", columnFields).split(","))
                        .map(String::trim)
                        .collect(Collectors.toList());
        if (columns.contains("")) {
            throw invalid(
                    "column_fields",
                    "'" + columnFields + "' has an empty name; list the topic's fields as 'a,b,c'");
        }
        return columns;
    }

    /** Never echoes the JSON: it holds the target's access key or password. */
    private ConnectorConfig config(ConnectorType type, @Nullable String configJson) {
        String json = required("config_json", configJson);
        try {
            return ConnectorConfigJson.read(
                    type, Json.parse(json.getBytes(StandardCharsets.UTF_8)));
        } catch (DataHubException e) {
            throw invalid(
                    "config_json",
                    "it is not a JSON object of the "
                            + type.wireValue()
                            + " connector's Config members");
        }
    }
}
