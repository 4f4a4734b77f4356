package io.github.flinkdatahub.connector.common;

import org.apache.flink.util.InstantiationUtil;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam that lets tests replace the client: it travels with the connection and never shows a
 * secret.
 */
class DataHubClientFactoryTest {

    private static DataHubConnection.Builder connection() {
        return DataHubConnection.builder()
                .endpoint("http://127.0.0.1:1")
                .credentials("id", "s3cr3t-key")
                .securityToken("s3cr3t-token")
                .retries(3, Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    /**
     * Serialisable, as a factory shipped in a job graph must be; remembers what it was asked for.
     */
    private static final class RecordingFactory implements DataHubClientFactory {
        private static final long serialVersionUID = 1L;
        static final List<String> OPENED = new ArrayList<>();

        @Override
        public DataHubClient open(DataHubConnection connection, RetryPolicy retryPolicy) {
            OPENED.add(connection.getEndpoint() + " retries=" + retryPolicy.getMaxRetries());
            return new FakeDataHubClient("p", "t").client();
        }

        @Override
        public String toString() {
            return "RecordingFactory";
        }
    }

    @Test
    void defaultConnectionOpensTheRealClientAndStaysEqualAfterShipping() throws Exception {
        DataHubConnection original = connection().build();

        DataHubConnection shipped = InstantiationUtil.clone(original);

        assertThat(shipped).isEqualTo(original);
        try (DataHubClient client = shipped.openClient()) {
            assertThat(client.getClass().getSimpleName()).isEqualTo("DefaultDataHubClient");
        }
    }

    @Test
    void replacedFactoryTravelsWithTheConnectionAndGetsEachCallersRetryPolicy() throws Exception {
        RecordingFactory.OPENED.clear();
        DataHubConnection shipped =
                InstantiationUtil.clone(connection().clientFactory(new RecordingFactory()).build());

        shipped.openClient().close();
        shipped.openClient(RetryPolicy.none()).close();

        assertThat(RecordingFactory.OPENED)
                .containsExactly("http://127.0.0.1:1 retries=3", "http://127.0.0.1:1 retries=0");
    }

    @Test
    void connectionsWithDifferentFactoriesDifferAndNeitherPrintsASecret() {
        DataHubConnection real = connection().build();
        DataHubConnection replaced = connection().clientFactory(new RecordingFactory()).build();

        assertThat(replaced).isNotEqualTo(real);
        assertThat(real.toString()).doesNotContain("s3cr3t").doesNotContain("clientFactory");
        assertThat(replaced.toString())
                .doesNotContain("s3cr3t")
                .endsWith(", clientFactory=RecordingFactory}");
    }
}
