package io.github.flinkdatahub.connector.source.reader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that decides how many pages of a shard are read ahead. */
class ReadAheadDepthTest {
    private final ReadAheadDepth depth = new ReadAheadDepth();

    @Test
    void aShardStartsWithItsSingleRead() {
        assertThat(depth.pages()).isZero();
        assertThat(depth.shortestRoundTrip()).isZero();
    }

    @Test
    void aWaitOnRoundTripsAtLeastTheFetchersRoundOfPagesReadsAsFarAheadAsAllowed() {
        depth.roundTrip(20);
        depth.fetcherWaited(3, 12.0);
        assertThat(depth.pages()).isEqualTo(3);
        depth.fetcherWaited(3, 20.0);
        assertThat(depth.pages()).isEqualTo(3);
    }

    @Test
    void aWaitOnRoundTripsShorterThanTheFetchersRoundOfPagesReadsOneFewerAhead() {
        depth.roundTrip(20);
        depth.fetcherWaited(3, 12.0);
        depth.roundTrip(3);
        depth.fetcherWaited(3, 12.0);
        assertThat(depth.pages())
                .as("the service answered in 3 ms: it, not the distance, is slow")
                .isEqualTo(2);
    }

    @Test
    void theShortestOfTheRecentRoundTripsCountsSoAQueueOfBusyMomentsDoesNotLookLikeDistance() {
        depth.roundTrip(30);
        depth.roundTrip(2);
        depth.roundTrip(40);
        assertThat(depth.shortestRoundTrip()).isEqualTo(2);
        depth.fetcherWaited(3, 12.0);
        assertThat(depth.pages()).isZero();
        for (int i = 0; i < 8; i++) {
            depth.roundTrip(25);
        }
        assertThat(depth.shortestRoundTrip()).as("only the last eight count").isEqualTo(25);
        depth.fetcherWaited(3, 12.0);
        assertThat(depth.pages()).isEqualTo(3);
    }

    @Test
    void fewerStepsDownOnePageAtATimeToTheSingleRead() {
        depth.fetcherWaited(2, 0.0);
        depth.fewer();
        assertThat(depth.pages()).isEqualTo(1);
        depth.fewer();
        depth.fewer();
        assertThat(depth.pages()).isZero();
    }
}
