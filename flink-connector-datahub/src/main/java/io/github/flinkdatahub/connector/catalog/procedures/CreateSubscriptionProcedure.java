package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

/** {@code create_subscription(topic, sub_comment)}: returns the new subscription's id. */
@Internal
public final class CreateSubscriptionProcedure extends DataHubProcedure {
    CreateSubscriptionProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "create_subscription";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "sub_comment", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("ROW<sub_id STRING>"))
    public Row[] call(ProcedureContext context, String topic, String comment) {
        TopicRef t = topic(topic);
        String text = required("sub_comment", comment);
        String subId =
                service(
                        "create a subscription of " + t,
                        () -> client().createSubscription(t.project, t.topic, text).getSubId());
        return new Row[] {Row.of(subId)};
    }
}
