package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/**
 * A subscription of a topic: a named, server-side store of per-shard offsets, shared by the
 * consumers that use its id. Times are as the service sends them.
 */
@PublicEvolving
public final class Subscription {
    private final String subId;
    private final String topicName;
    private final String comment;
    private final String creator;
    private final SubscriptionType type;
    private final SubscriptionState state;
    private final long createTime;
    private final long lastModifyTime;
    private final boolean owner;

    private Subscription(Builder b) {
        this.subId = b.subId;
        this.topicName = b.topicName;
        this.comment = b.comment;
        this.creator = b.creator;
        this.type = b.type;
        this.state = b.state;
        this.createTime = b.createTime;
        this.lastModifyTime = b.lastModifyTime;
        this.owner = b.owner;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getSubId() {
        return subId;
    }

    public String getTopicName() {
        return topicName;
    }

    public String getComment() {
        return comment;
    }

    public String getCreator() {
        return creator;
    }

    /** Null when the service sent a type this client does not know. */
    public SubscriptionType getType() {
        return type;
    }

    /** Null when the service sent a state this client does not know. */
    public SubscriptionState getState() {
        return state;
    }

    public long getCreateTime() {
        return createTime;
    }

    public long getLastModifyTime() {
        return lastModifyTime;
    }

    /** Whether the calling account owns the subscription. */
    public boolean isOwner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Subscription)) {
            return false;
        }
        Subscription s = (Subscription) o;
        return Objects.equals(subId, s.subId)
                && Objects.equals(topicName, s.topicName)
                && Objects.equals(comment, s.comment)
                && Objects.equals(creator, s.creator)
                && type == s.type
                && state == s.state
                && createTime == s.createTime
                && lastModifyTime == s.lastModifyTime
                && owner == s.owner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                subId, topicName, comment, creator, type, state, createTime, lastModifyTime, owner);
    }

    @Override
    public String toString() {
        return "Subscription{subId="
                + subId
                + ", topicName="
                + topicName
                + ", comment="
                + comment
                + ", creator="
                + creator
                + ", type="
                + type
                + ", state="
                + state
                + ", createTime="
                + createTime
                + ", lastModifyTime="
                + lastModifyTime
                + ", owner="
                + owner
                + '}';
    }

    /** Builds a {@link Subscription}. */
    @PublicEvolving
    public static final class Builder {
        private String subId;
        private String topicName;
        private String comment;
        private String creator;
        private SubscriptionType type = SubscriptionType.USER;
        private SubscriptionState state = SubscriptionState.ACTIVE;
        private long createTime;
        private long lastModifyTime;
        private boolean owner;

        private Builder() {}

        public Builder subId(String subId) {
            this.subId = subId;
            return this;
        }

        public Builder topicName(String topicName) {
            this.topicName = topicName;
            return this;
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        public Builder creator(String creator) {
            this.creator = creator;
            return this;
        }

        public Builder type(SubscriptionType type) {
            this.type = type;
            return this;
        }

        public Builder state(SubscriptionState state) {
            this.state = state;
            return this;
        }

        public Builder createTime(long createTime) {
            this.createTime = createTime;
            return this;
        }

        public Builder lastModifyTime(long lastModifyTime) {
            this.lastModifyTime = lastModifyTime;
            return this;
        }

        public Builder owner(boolean owner) {
            this.owner = owner;
            return this;
        }

        public Subscription build() {
            return new Subscription(this);
        }
    }
}
