package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Up to when a connector has delivered everything: data before {@code doneTime} is complete in the
 * target. The time window (seconds) is the partition span the done time moves by.
 */
@PublicEvolving
public final class GetConnectorDoneTimeResult {
    private final long doneTime;
    private final String timeZone;
    private final int timeWindow;

    public GetConnectorDoneTimeResult(long doneTime, String timeZone, int timeWindow) {
        this.doneTime = doneTime;
        this.timeZone = timeZone;
        this.timeWindow = timeWindow;
    }

    /** As the service sends it (believed to be seconds since the epoch). */
    public long getDoneTime() {
        return doneTime;
    }

    public String getTimeZone() {
        return timeZone;
    }

    /** Seconds. */
    public int getTimeWindow() {
        return timeWindow;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetConnectorDoneTimeResult)) {
            return false;
        }
        GetConnectorDoneTimeResult r = (GetConnectorDoneTimeResult) o;
        return doneTime == r.doneTime
                && Objects.equals(timeZone, r.timeZone)
                && timeWindow == r.timeWindow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(doneTime, timeZone, timeWindow);
    }

    @Override
    public String toString() {
        return "GetConnectorDoneTimeResult{doneTime="
                + doneTime
                + ", timeZone="
                + timeZone
                + ", timeWindow="
                + timeWindow
                + '}';
    }
}
