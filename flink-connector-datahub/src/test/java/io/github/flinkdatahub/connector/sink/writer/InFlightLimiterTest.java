package io.github.flinkdatahub.connector.sink.writer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightLimiterTest {

    @Test
    void sendsOnlyWhileFewerPutsThanTheLimitAreInFlight() {
        InFlightLimiter limiter = new InFlightLimiter(2);
        limiter.sent();
        assertThat(limiter.canSend()).isTrue();
        limiter.sent();
        assertThat(limiter.canSend()).isFalse();
        limiter.answered();
        assertThat(limiter.canSend()).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void throttlingHalvesTheLimitButNeverBelowOne() {
        InFlightLimiter limiter = new InFlightLimiter(8);
        limiter.throttled();
        assertThat(limiter.limit()).isEqualTo(4);
        limiter.throttled();
        limiter.throttled();
        assertThat(limiter.limit()).isEqualTo(1);
        limiter.throttled();
        assertThat(limiter.limit()).isEqualTo(1);
        assertThat(limiter.canSend()).isTrue();
    }

    @Test
    void eachPutWrittenInFullRaisesTheLimitByOneUpToTheMaximum() {
        InFlightLimiter limiter = new InFlightLimiter(5);
        limiter.throttled();
        limiter.throttled();
        assertThat(limiter.limit()).isEqualTo(1);
        for (int expected = 2; expected <= 5; expected++) {
            limiter.succeeded();
            assertThat(limiter.limit()).isEqualTo(expected);
        }
        limiter.succeeded();
        assertThat(limiter.limit()).isEqualTo(5);
    }
}
