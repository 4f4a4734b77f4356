package io.github.flinkdatahub.e2e.harness;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.testutil.TopicContents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Test-side DataHub access through our client: topics, input, output. */
public final class Topics {

    private final DataHubClient client;
    private final String whereToLook;

    public Topics(DataHubClient client, String whereToLook) {
        this.client = client;
        this.whereToLook = whereToLook;
    }

    public void createProject(String project) {
        try {
            client.createProject(project, "e2e tests");
        } catch (ResourceExistException ignored) {
            // Shared by several test classes.
        }
    }

    public void createTupleTopic(String project, String topic, int shards, RecordSchema schema) {
        createProject(project);
        client.createTupleTopic(project, topic, shards, 1, schema, "e2e " + topic);
        client.waitShardsReady(project, topic);
    }

    public RecordSchema schema(String project, String topic) {
        return client.getTopic(project, topic).getRecordSchema();
    }

    /** Writes {@code records} into one shard, in order. */
    public void write(String project, String topic, String shardId, List<TupleRecord> records) {
        client.putRecordsByShard(project, topic, shardId, records);
    }

    /** Every record of every shard, shard by shard in sequence order. */
    public List<TupleRecord> readAll(String project, String topic) {
        List<TupleRecord> all = new ArrayList<>();
        TopicContents.all(client, project, topic).forEach(r -> all.add((TupleRecord) r));
        return all;
    }

    /** Polls the topic until its records satisfy {@code done}; returns them. */
    public List<TupleRecord> awaitRecords(
            String project,
            String topic,
            String what,
            Duration timeout,
            Predicate<List<TupleRecord>> done) {
        return Wait.until(
                what + " in " + project + "." + topic,
                timeout,
                () -> whereToLook,
                () -> {
                    List<TupleRecord> records = readAll(project, topic);
                    return done.test(records) ? Optional.of(records) : Optional.empty();
                });
    }
}
