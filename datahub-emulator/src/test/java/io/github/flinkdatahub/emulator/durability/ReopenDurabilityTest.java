package io.github.flinkdatahub.emulator.durability;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-process: the metadata one emulator wrote to a data directory, the next one on it finds again
 * (records and shard lineage across a reopen: {@code records.RecordDurabilityTest}; across a
 * SIGKILL: {@link KillDurabilityTest}).
 */
class ReopenDurabilityTest {
    @TempDir Path data;

    @Test
    void projectsAndTopicsSurviveCloseAndReopen() {
        run(DurableState::createProjectsAndTopics);
        run(DurableState::assertProjectsAndTopics);
    }

    @Test
    void subscriptionsOffsetsAndConnectorsSurviveCloseAndReopen() {
        DurableState.Created created =
                call(
                        client -> {
                            DurableState.createProjectsAndTopics(client);
                            DurableState.putRecords(client, 10, 10);
                            return DurableState.createSubscriptionAndConnector(client);
                        });
        run(client -> DurableState.assertSubscriptionAndConnector(client, created));
    }

    private void run(Consumer<DataHubClient> work) {
        call(
                client -> {
                    work.accept(client);
                    return null;
                });
    }

    private <T> T call(Function<DataHubClient, T> work) {
        try (DataHubEmulator emulator =
                        DataHubEmulator.builder().dataDirectory(data).build().start();
                DataHubClient client = emulator.client()) {
            return work.apply(client);
        }
    }
}
