package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.RecordSchema;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The topic schema registry as a client with it enabled sees it: version ids of the schemas it
 * writes with and schemas of the versions it reads, each asked once (a registered version never
 * changes). Thread-safe.
 */
final class TopicSchemaVersions {
    private final DataHubClient client;
    private final ConcurrentMap<List<Object>, Integer> versions = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<Object>, RecordSchema> schemas = new ConcurrentHashMap<>();

    TopicSchemaVersions(DataHubClient client) {
        this.client = client;
    }

    /** The registered version id of {@code schema}; fails when the topic has no such version. */
    int versionOf(String project, String topic, RecordSchema schema) {
        return versions.computeIfAbsent(
                List.of(project, topic, schema),
                k -> {
                    try {
                        return client.getTopicSchema(project, topic, schema).getVersionId();
                    } catch (ResourceNotFoundException e) {
                        throw Validation.invalid(
                                "The records' schema is not a registered version of topic "
                                        + project
                                        + "/"
                                        + topic
                                        + "; register it with registerTopicSchema first: "
                                        + schema);
                    }
                });
    }

    /** The schema registered as {@code version}; fails when the topic has no such version. */
    RecordSchema schemaOf(String project, String topic, int version) {
        return schemas.computeIfAbsent(
                List.of(project, topic, version),
                k -> {
                    try {
                        return client.getTopicSchema(project, topic, version).getRecordSchema();
                    } catch (ResourceNotFoundException e) {
                        throw new DataHubClientException(
                                "A record of topic "
                                        + project
                                        + "/"
                                        + topic
                                        + " names schema version "
                                        + version
                                        + ", which the topic's schema registry does not have",
                                e,
                                false);
                    }
                });
    }
}
