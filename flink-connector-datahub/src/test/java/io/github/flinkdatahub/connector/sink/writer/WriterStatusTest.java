package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriterStatusTest {

    @Test
    void theFirstFailureIsKeptAndRethrownByEveryLaterCall() {
        WriterStatus status = new WriterStatus("p/t");
        status.check();
        DataHubSinkException first = new DataHubSinkException("first");
        assertThat(status.fail(first)).isSameAs(first);
        // A later failure is a consequence of the first; the job fails with the cause.
        assertThat(status.fail(new DataHubSinkException("second"))).isSameAs(first);
        assertThatThrownBy(status::check).isSameAs(first);
        assertThat(status.failed()).isTrue();
        assertThat(status.stopped()).isTrue();
        assertThat(status.closed()).isFalse();
    }

    @Test
    void aClosedWriterIsStoppedWithoutAFailure() {
        WriterStatus status = new WriterStatus("p/t");
        assertThat(status.stopped()).isFalse();
        status.close();
        assertThat(status.stopped()).isTrue();
        assertThat(status.failed()).isFalse();
        status.check();
    }
}
