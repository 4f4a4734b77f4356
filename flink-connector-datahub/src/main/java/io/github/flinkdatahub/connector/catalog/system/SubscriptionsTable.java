package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.Subscription;

import java.util.ArrayList;
import java.util.List;

import static io.github.flinkdatahub.connector.catalog.system.SystemTables.string;

/** {@code topic$subscriptions}: the topic's subscriptions. */
@Internal
final class SubscriptionsTable implements SystemTable {
    /** Subscriptions per list call; the service allows up to 100. */
    private static final int PAGE_SIZE = 100;

    private static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("sub_id", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("comment", DataTypes.STRING()),
                    DataTypes.FIELD("state", DataTypes.STRING()),
                    DataTypes.FIELD("type", DataTypes.STRING()),
                    DataTypes.FIELD("create_time", DataTypes.BIGINT()),
                    DataTypes.FIELD("last_modify_time", DataTypes.BIGINT()));

    @Override
    public String name() {
        return "subscriptions";
    }

    @Override
    public DataType rowType() {
        return ROW;
    }

    @Override
    public List<RowData> read(DataHubClient client, String project, String topic) {
        List<RowData> rows = new ArrayList<>();
        for (Subscription s : all(client, project, topic)) {
            rows.add(
                    GenericRowData.of(
                            string(s.getSubId()),
                            string(s.getComment()),
                            string(s.getState()),
                            string(s.getType()),
                            s.getCreateTime(),
                            s.getLastModifyTime()));
        }
        return rows;
    }

    /** Every subscription of the topic, page by page. */
    static List<Subscription> all(DataHubClient client, String project, String topic) {
        List<Subscription> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            ListSubscriptionResult result =
                    client.listSubscription(project, topic, "", page, PAGE_SIZE);
            all.addAll(result.getSubscriptions());
            if (result.getSubscriptions().size() < PAGE_SIZE
                    || all.size() >= result.getTotalCount()) {
                return all;
            }
        }
    }
}
