package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;

import javax.annotation.Nullable;

/**
 * {@code set_subscription_state(topic, sub_id, 'ACTIVE'|'INACTIVE')}: an inactive subscription
 * refuses offset sessions and commits.
 */
@Internal
public final class SetSubscriptionStateProcedure extends DataHubProcedure {
    SetSubscriptionStateProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "set_subscription_state";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "sub_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "state", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String topic, String subId, String state) {
        TopicRef t = topic(topic);
        String id = required("sub_id", subId);
        SubscriptionState target = oneOf("state", state, SubscriptionState.class);
        service(
                "set subscription " + id + " of " + t + " " + target,
                () -> client().updateSubscriptionState(t.project, t.topic, id, target));
        return new String[] {"Subscription " + id + " of " + t + " is " + target};
    }
}
