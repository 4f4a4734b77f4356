package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.procedures.Procedure;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;

import javax.annotation.Nullable;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * What every procedure of the catalog shares: the catalog's client, the project of a bare topic
 * name, argument checks whose errors name the procedure and the argument, and service errors turned
 * into errors that name the procedure.
 */
@Internal
abstract class DataHubProcedure implements Procedure {
    private final DataHubClient client;
    @Nullable private final String defaultProject;

    DataHubProcedure(DataHubClient client, @Nullable String defaultProject) {
        this.client = client;
        this.defaultProject = defaultProject;
    }

    /** The name under {@code sys}, e.g. {@code split_shard}. */
    abstract String name();

    /** {@code 'project.topic'}, or a bare topic of the project the procedure was called in. */
    final TopicRef topic(@Nullable String topic) {
        String value = required("topic", topic);
        int dot = value.indexOf('.');
        if (dot >= 0) {
            String project = value.substring(0, dot);
            String name = value.substring(dot + 1);
            if (project.isEmpty() || name.isEmpty() || name.indexOf('.') >= 0) {
                throw invalid("topic", "'" + value + "' is not 'project.topic' or 'topic'");
            }
            return new TopicRef(project, name);
        }
        if (defaultProject == null) {
            throw invalid(
                    "topic",
                    "'"
                            + value
                            + "' names no project and the catalog has no 'default-database'; write"
                            + " 'project."
                            + value
                            + "' or call the procedure in the project (USE <project>; CALL "
                            + name()
                            + "(...))");
        }
        return new TopicRef(defaultProject, value);
    }

    final String required(String argument, @Nullable String value) {
        if (value == null || value.trim().isEmpty()) {
            throw invalid(argument, "it is required");
        }
        return value.trim();
    }

    final <T> T required(String argument, @Nullable T value) {
        if (value == null) {
            throw invalid(argument, "it is required");
        }
        return value;
    }

    /** An enum constant named by the argument, in any letter case. */
    final <E extends Enum<E>> E oneOf(String argument, @Nullable String value, Class<E> type) {
        String name = required(argument, value).toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw invalid(
                argument,
                "'"
                        + value
                        + "' is not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
    }

    final ValidationException invalid(String argument, String why) {
        return new ValidationException(
                "Procedure " + name() + ": argument '" + argument + "' is invalid: " + why);
    }

    /** Runs a service call; a service error becomes an error that names the procedure. */
    final <T> T service(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (DataHubException e) {
            throw failed(what, e);
        }
    }

    final ValidationException failed(String what, DataHubException e) {
        return new ValidationException(
                "Procedure " + name() + " failed to " + what + ": " + e.getMessage(), e);
    }

    final void service(String what, Runnable call) {
        service(
                what,
                () -> {
                    call.run();
                    return null;
                });
    }

    final DataHubClient client() {
        return client;
    }

    /** A topic named by a procedure's {@code topic} argument. */
    static final class TopicRef {
        final String project;
        final String topic;

        TopicRef(String project, String topic) {
            this.project = project;
            this.topic = topic;
        }

        @Override
        public String toString() {
            return project + "." + topic;
        }
    }
}
