package io.github.flinkdatahub.emulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Faults to inject into the requests of one scope (all, a project, or a topic). Rates are
 * probabilities in [0, 1] applied to each request (each record, for partial put failures).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class FaultRule {
    /** Answer {@code LimitExceeded} (429) instead of serving. */
    public double throttleRate;
    /** Answer {@code InternalServerError} (500) instead of serving. */
    public double serverErrorRate;
    /** Drop the connection without an answer. */
    public double closeConnectionRate;
    /** Refuse single records of a routed put (reported in FailedRecords) or fail a put by shard. */
    public double partialPutFailureRate;
    /** Added delay before serving, in milliseconds. */
    public long latencyMillis;

    public static FaultRule none() {
        return new FaultRule();
    }

    public FaultRule throttleRate(double rate) {
        this.throttleRate = rate;
        return this;
    }

    public FaultRule serverErrorRate(double rate) {
        this.serverErrorRate = rate;
        return this;
    }

    public FaultRule closeConnectionRate(double rate) {
        this.closeConnectionRate = rate;
        return this;
    }

    public FaultRule partialPutFailureRate(double rate) {
        this.partialPutFailureRate = rate;
        return this;
    }

    public FaultRule latencyMillis(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    @Override
    public String toString() {
        return "FaultRule{throttleRate=" + throttleRate + ", serverErrorRate=" + serverErrorRate
                + ", closeConnectionRate=" + closeConnectionRate + ", partialPutFailureRate=" + partialPutFailureRate
                + ", latencyMillis=" + latencyMillis + '}';
    }
}
