package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.subscription.Subscription;

import java.util.List;

/** One page of a topic's subscriptions, and how many the topic has in total. */
@PublicEvolving
public final class ListSubscriptionResult {
    private final long totalCount;
    private final List<Subscription> subscriptions;

    public ListSubscriptionResult(long totalCount, List<Subscription> subscriptions) {
        this.totalCount = totalCount;
        this.subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    public long getTotalCount() {
        return totalCount;
    }

    public List<Subscription> getSubscriptions() {
        return subscriptions;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListSubscriptionResult)) {
            return false;
        }
        ListSubscriptionResult r = (ListSubscriptionResult) o;
        return totalCount == r.totalCount && subscriptions.equals(r.subscriptions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(totalCount) * 31 + subscriptions.hashCode();
    }

    @Override
    public String toString() {
        return "ListSubscriptionResult{totalCount="
                + totalCount
                + ", subscriptions="
                + subscriptions
                + '}';
    }
}
