package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;

import javax.annotation.Nullable;

/**
 * {@code append_field(topic, field_name, field_type [, field_comment])}: appends a nullable field
 * of a DataHub type (BIGINT, STRING, ...) to a tuple topic, as {@code ALTER TABLE ... ADD} does.
 */
@Internal
public final class AppendFieldProcedure extends DataHubProcedure {
    AppendFieldProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "append_field";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "field_name", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "field_type", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "field_comment",
                        type = @DataTypeHint("STRING"),
                        isOptional = true)
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context,
            String topic,
            String name,
            String type,
            @Nullable String comment) {
        TopicRef t = topic(topic);
        Field field =
                new Field(
                        required("field_name", name),
                        oneOf("field_type", type, FieldType.class),
                        true,
                        comment == null ? "" : comment);
        service(
                "append field '" + field.getName() + "' to " + t,
                () -> client().appendField(t.project, t.topic, field));
        return new String[] {"Appended " + field.getName() + " " + field.getType() + " to " + t};
    }
}
