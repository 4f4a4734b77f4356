package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/** The id of a new subscription. */
@PublicEvolving
public final class CreateSubscriptionResult {
    private final String subId;

    public CreateSubscriptionResult(String subId) {
        this.subId = subId;
    }

    public String getSubId() {
        return subId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateSubscriptionResult
                && Objects.equals(subId, ((CreateSubscriptionResult) o).subId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(subId);
    }

    @Override
    public String toString() {
        return "CreateSubscriptionResult{subId=" + subId + '}';
    }
}
