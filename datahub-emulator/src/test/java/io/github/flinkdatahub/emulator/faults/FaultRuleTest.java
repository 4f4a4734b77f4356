package io.github.flinkdatahub.emulator.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultRuleTest {
    @Test
    void chainingBuildsNewValuesAndLeavesTheOriginalAlone() {
        FaultRule base = FaultRule.none();
        FaultRule rule =
                base.throttleRate(0.2)
                        .serverErrorRate(0.1)
                        .closeConnectionRate(0.05)
                        .partialPutFailureRate(0.3)
                        .latency(Duration.ofMillis(20))
                        .maxFaults(4);
        assertThat(base).isEqualTo(FaultRule.none());
        assertThat(base.getThrottleRate()).isZero();
        assertThat(rule.getThrottleRate()).isEqualTo(0.2);
        assertThat(rule.getServerErrorRate()).isEqualTo(0.1);
        assertThat(rule.getCloseConnectionRate()).isEqualTo(0.05);
        assertThat(rule.getPartialPutFailureRate()).isEqualTo(0.3);
        assertThat(rule.getLatencyMillis()).isEqualTo(20);
        assertThat(rule.getMaxFaults()).isEqualTo(4);
    }

    @Test
    void theJsonFormRoundTrips() {
        FaultRule rule = FaultRule.none().throttleRate(0.5).latencyMillis(30).maxFaults(2);
        assertThat(FaultRule.fromJson(rule.toJson().toString()))
                .isEqualTo(rule)
                .hasSameHashCodeAs(rule);
        assertThat(FaultRule.fromJson("{}")).isEqualTo(FaultRule.none());
        assertThat(FaultRule.fromJson("{\"serverErrorRate\":1}"))
                .isEqualTo(FaultRule.none().serverErrorRate(1));
        assertThat(rule.toString()).contains("\"throttleRate\":0.5").contains("\"maxFaults\":2");
    }

    @Test
    void unknownSettingsAreRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> FaultRule.fromJson("{\"throttle\":0.5}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Unknown fault setting 'throttle'; known settings: throttleRate, serverErrorRate,"
                                + " closeConnectionRate, partialPutFailureRate, latencyMillis, maxFaults");
    }

    @Test
    void malformedValuesAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> FaultRule.fromJson("{\"throttleRate\":\"high\"}"))
                .hasMessage(
                        "Fault setting 'throttleRate' must be a number in [0, 1], got \"high\"");
        assertThatThrownBy(() -> FaultRule.fromJson("{\"latencyMillis\":1.5}"))
                .hasMessage("Fault setting 'latencyMillis' must be a whole number, got 1.5");
        assertThatThrownBy(() -> FaultRule.fromJson("{\"serverErrorRate\":1.5}"))
                .hasMessage("Fault setting 'serverErrorRate' is a probability in [0, 1], got 1.5");
        assertThatThrownBy(() -> FaultRule.fromJson("{\"maxFaults\":-1}"))
                .hasMessage("Fault setting 'maxFaults' must be >= 0, got -1");
        assertThatThrownBy(() -> FaultRule.fromJson("[1]"))
                .hasMessageStartingWith("A fault rule must be a JSON object");
        assertThatThrownBy(() -> FaultRule.fromJson("{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void ratesOutsideZeroToOneAreRejected() {
        assertThatThrownBy(() -> FaultRule.none().throttleRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throttleRate");
        assertThatThrownBy(() -> FaultRule.none().partialPutFailureRate(Double.NaN))
                .hasMessageContaining("partialPutFailureRate");
        assertThatThrownBy(() -> FaultRule.none().latencyMillis(-1))
                .hasMessageContaining("latencyMillis");
    }
}
