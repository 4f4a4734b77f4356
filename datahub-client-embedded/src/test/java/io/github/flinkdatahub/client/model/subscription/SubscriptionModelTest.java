package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.exception.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionModelTest {

    @Test
    void statesAreNumbersWithJavaSdkAliases() {
        assertThat(SubscriptionState.INACTIVE.code()).isZero();
        assertThat(SubscriptionState.ACTIVE.code()).isEqualTo(1);
        assertThat(SubscriptionState.OFFLINE).isSameAs(SubscriptionState.INACTIVE);
        assertThat(SubscriptionState.ONLINE).isSameAs(SubscriptionState.ACTIVE);
        assertThat(SubscriptionState.fromCode(1)).isEqualTo(SubscriptionState.ACTIVE);
        assertThatThrownBy(() -> SubscriptionState.fromCode(2))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("0 (INACTIVE/OFFLINE)");
    }

    @Test
    void typesAreNumbers() {
        assertThat(SubscriptionType.fromCode(0)).isEqualTo(SubscriptionType.USER);
        assertThat(SubscriptionType.fromCode(1)).isEqualTo(SubscriptionType.SYSTEM);
        assertThat(SubscriptionType.TT.code()).isEqualTo(2);
        assertThatThrownBy(() -> SubscriptionType.fromCode(9))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void batchIndexDefaultsToZero() {
        assertThat(new OffsetBase(5, 6).getBatchIndex()).isZero();
        assertThat(new OffsetWithVersion(5, 6, 2).getBatchIndex()).isZero();
        assertThat(new OffsetWithSession(5, 6, 2, 7).getBatchIndex()).isZero();
        assertThat(new OffsetWithSession(5, 6, 3, 2, 7).getBatchIndex()).isEqualTo(3);
    }

    @Test
    void offsetsOfDifferentKindsAreNotEqual() {
        OffsetBase base = new OffsetBase(5, 6);
        OffsetWithVersion versioned = new OffsetWithVersion(5, 6, 0);
        assertThat(base).isNotEqualTo(versioned);
        assertThat(versioned).isNotEqualTo(base);
        assertThat(new OffsetWithSession(5, 6, 1, 2))
                .isEqualTo(new OffsetWithSession(5, 6, 0, 1, 2))
                .isNotEqualTo(new OffsetWithSession(5, 6, 1, 3));
        assertThat(new OffsetWithSession(5, 6, 1, 2).toString())
                .isEqualTo(
                        "OffsetWithSession{sequence=5, timestamp=6, batchIndex=0, version=1, sessionId=2}");
    }

    @Test
    void withPositionKeepsVersionAndSession() {
        OffsetWithSession opened = new OffsetWithSession(-1, -1, 3, 7);
        assertThat(opened.withPosition(10, 1000, 2))
                .isEqualTo(new OffsetWithSession(10, 1000, 2, 3, 7));
    }
}
