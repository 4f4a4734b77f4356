package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;

import java.util.Objects;

/** One subscription, as returned by {@code getSubscription}. */
@PublicEvolving
public final class GetSubscriptionResult {
    private final Subscription subscription;

    public GetSubscriptionResult(Subscription subscription) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
    }

    public Subscription getSubscription() {
        return subscription;
    }

    public String getSubId() {
        return subscription.getSubId();
    }

    public String getTopicName() {
        return subscription.getTopicName();
    }

    public String getComment() {
        return subscription.getComment();
    }

    public String getCreator() {
        return subscription.getCreator();
    }

    public SubscriptionType getType() {
        return subscription.getType();
    }

    public SubscriptionState getState() {
        return subscription.getState();
    }

    public long getCreateTime() {
        return subscription.getCreateTime();
    }

    public long getLastModifyTime() {
        return subscription.getLastModifyTime();
    }

    public boolean isOwner() {
        return subscription.isOwner();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetSubscriptionResult
                && subscription.equals(((GetSubscriptionResult) o).subscription);
    }

    @Override
    public int hashCode() {
        return subscription.hashCode();
    }

    @Override
    public String toString() {
        return "GetSubscriptionResult{" + subscription + '}';
    }
}
