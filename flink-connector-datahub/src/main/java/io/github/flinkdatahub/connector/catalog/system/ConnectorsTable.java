package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.protocol.json.ConnectorConfigJson;

import java.util.ArrayList;
import java.util.List;

import static io.github.flinkdatahub.connector.catalog.system.SystemTables.string;

/**
 * {@code topic$connectors}: the service's connectors of the topic. The config is the JSON the
 * service returns, without access keys or passwords (written without secrets even if a service sent
 * them).
 */
@Internal
final class ConnectorsTable implements SystemTable {
    private static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("connector_id", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("type", DataTypes.STRING()),
                    DataTypes.FIELD("state", DataTypes.STRING()),
                    DataTypes.FIELD("column_fields", DataTypes.ARRAY(DataTypes.STRING())),
                    DataTypes.FIELD("sub_id", DataTypes.STRING()),
                    DataTypes.FIELD("config", DataTypes.STRING()),
                    DataTypes.FIELD("done_time", DataTypes.BIGINT()));

    @Override
    public String name() {
        return "connectors";
    }

    @Override
    public DataType rowType() {
        return ROW;
    }

    @Override
    public List<RowData> read(DataHubClient client, String project, String topic) {
        List<RowData> rows = new ArrayList<>();
        for (String id : client.listConnector(project, topic).getConnectorIds()) {
            GetConnectorResult c = client.getConnector(project, topic, id);
            Object[] columns = c.getColumnFields().stream().map(SystemTables::string).toArray();
            rows.add(
                    GenericRowData.of(
                            string(id),
                            string(c.getType() == null ? null : c.getType().wireValue()),
                            string(c.getState()),
                            new GenericArrayData(columns),
                            string(c.getSubId()),
                            string(
                                    c.getConfig() == null
                                            ? null
                                            : ConnectorConfigJson.writeServiceForm(c.getConfig())),
                            doneTime(client, project, topic, id)));
        }
        return rows;
    }

    /** Null where the service keeps no done time (it has one for time-partitioned targets). */
    private static Long doneTime(DataHubClient client, String project, String topic, String id) {
        try {
            return client.getConnectorDoneTime(project, topic, id).getDoneTime();
        } catch (DataHubException e) {
            return null;
        }
    }
}
