package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.time.Duration;

/** Writer settings for tests of retries: small batches, a flush interval that never passes. */
final class TestWriterConfigs {
    private TestWriterConfigs() {}

    static WriterConfig retrying(
            int maxRetries, Duration timeout, Duration initialBackoff, Duration maxBackoff) {
        return new WriterConfig(
                10,
                1 << 20,
                Duration.ofHours(1),
                2,
                100,
                1 << 24,
                maxRetries,
                timeout,
                initialBackoff,
                maxBackoff,
                Duration.ofMinutes(1),
                DeliveryGuarantee.AT_LEAST_ONCE,
                -1);
    }
}
