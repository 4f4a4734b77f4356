package io.github.flinkdatahub.client.operations;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.testutil.RecordingServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncAndConnectionTest extends OperationTestBase {

    @Test
    void oneThreadKeepsSeveralRequestsInFlight() {
        // No answer goes out before all six requests are in: they can only all arrive if this
        // thread sent each without waiting for the previous answer.
        server.holdAnswersUntil(6);
        // Held answers must not time out into retries (which would add requests).
        try (DataHubClient patient =
                DataHubClient.builder()
                        .endpoint(server.endpoint())
                        .credentials(ACCESS_ID, ACCESS_KEY)
                        .retryPolicy(RetryPolicy.none())
                        .requestTimeout(RecordingServer.HOLD_LIMIT.multipliedBy(2))
                        .build()) {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                puts.add(
                        patient.putRecordsByShardAsync(
                                "p1",
                                "t1",
                                Integer.toString(i),
                                List.of(BlobRecord.of(new byte[] {(byte) i}))));
            }
            CompletableFuture.allOf(puts.toArray(new CompletableFuture[0])).join();
        }
        assertThat(server.requests()).hasSize(6);
        assertThat(server.maxInFlight()).isEqualTo(6);
    }

    @Test
    void asyncGetsCompleteWithDecodedRecords() {
        for (int i = 0; i < 4; i++) {
            server.respondJson(
                    200,
                    "{\"NextCursor\":\"n\",\"RecordCount\":1,\"StartSeq\":7,\"Records\":[{\"Sequence\":7,"
                            + "\"SystemTime\":1,\"Cursor\":\"c\",\"NextCursor\":\"n\",\"Data\":\"AQI=\"}]}");
        }
        List<CompletableFuture<GetRecordsResult>> gets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gets.add(client.getBlobRecordsAsync("p1", "t1", "0", "c", 10));
        }
        List<GetRecordsResult> results =
                gets.stream().map(CompletableFuture::join).collect(Collectors.toList());
        assertThat(results)
                .allSatisfy(
                        r -> {
                            assertThat(r.getStartSequence()).isEqualTo(7);
                            assertThat(((BlobRecord) r.getRecords().get(0)).getData())
                                    .containsExactly(1, 2);
                        });
    }

    @Test
    void sequentialCallsReuseOneConnection() {
        for (int i = 0; i < 5; i++) {
            client.listProject();
        }
        assertThat(server.requests().stream().map(r -> r.remoteAddress).distinct()).hasSize(1);
    }

    @Test
    void failedFuturesCarryTheTypedException() {
        server.respondJson(404, "{\"ErrorCode\":\"NoSuchTopic\",\"ErrorMessage\":\"gone\"}");
        CompletableFuture<GetRecordsResult> f = client.getBlobRecordsAsync("p1", "t1", "0", "c", 1);
        assertThat(f)
                .failsWithin(java.time.Duration.ofMinutes(2))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(
                        io.github.flinkdatahub.client.exception.ResourceNotFoundException.class);
        assertThat(server.requests())
                .extracting(RecordingServer.Recorded::pathAndQuery)
                .containsExactly("/projects/p1/topics/t1/shards/0");
    }
}
