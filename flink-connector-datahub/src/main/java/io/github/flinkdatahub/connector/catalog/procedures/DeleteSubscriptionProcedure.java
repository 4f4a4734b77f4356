package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

/** {@code delete_subscription(topic, sub_id)}. */
@Internal
public final class DeleteSubscriptionProcedure extends DataHubProcedure {
    DeleteSubscriptionProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "delete_subscription";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "sub_id", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String topic, String subId) {
        TopicRef t = topic(topic);
        String id = required("sub_id", subId);
        service(
                "delete subscription " + id + " of " + t,
                () -> client().deleteSubscription(t.project, t.topic, id));
        return new String[] {"Deleted subscription " + id + " of " + t};
    }
}
