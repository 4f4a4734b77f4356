package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Progress and health of a connector in one shard. Sequences and times are -1 when the service did
 * not send them; times are as the service sends them.
 */
@PublicEvolving
public final class ShardStatusEntry {
    private final long startSequence;
    private final long endSequence;
    private final long currentSequence;
    private final long currentTimestamp;
    private final long updateTime;
    private final ConnectorShardState state;
    private final String lastErrorMessage;
    private final long discardCount;
    private final long doneTime;
    private final String workerAddress;

    private ShardStatusEntry(Builder b) {
        this.startSequence = b.startSequence;
        this.endSequence = b.endSequence;
        this.currentSequence = b.currentSequence;
        this.currentTimestamp = b.currentTimestamp;
        this.updateTime = b.updateTime;
        this.state = b.state;
        this.lastErrorMessage = b.lastErrorMessage;
        this.discardCount = b.discardCount;
        this.doneTime = b.doneTime;
        this.workerAddress = b.workerAddress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long getStartSequence() {
        return startSequence;
    }

    public long getEndSequence() {
        return endSequence;
    }

    /** The last sequence the connector delivered. */
    public long getCurrentSequence() {
        return currentSequence;
    }

    /** Record time (ms) of the last delivered record. */
    public long getCurrentTimestamp() {
        return currentTimestamp;
    }

    public long getUpdateTime() {
        return updateTime;
    }

    /** Null when the service sent a state this client does not know. */
    public ConnectorShardState getState() {
        return state;
    }

    public String getLastErrorMessage() {
        return lastErrorMessage;
    }

    /** Records the connector dropped because the target rejected them. */
    public long getDiscardCount() {
        return discardCount;
    }

    public long getDoneTime() {
        return doneTime;
    }

    public String getWorkerAddress() {
        return workerAddress;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardStatusEntry)) {
            return false;
        }
        ShardStatusEntry e = (ShardStatusEntry) o;
        return startSequence == e.startSequence
                && endSequence == e.endSequence
                && currentSequence == e.currentSequence
                && currentTimestamp == e.currentTimestamp
                && updateTime == e.updateTime
                && state == e.state
                && Objects.equals(lastErrorMessage, e.lastErrorMessage)
                && discardCount == e.discardCount
                && doneTime == e.doneTime
                && Objects.equals(workerAddress, e.workerAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                startSequence,
                endSequence,
                currentSequence,
                currentTimestamp,
                updateTime,
                state,
                lastErrorMessage,
                discardCount,
                doneTime,
                workerAddress);
    }

    @Override
    public String toString() {
        return "ShardStatusEntry{state="
                + state
                + ", startSequence="
                + startSequence
                + ", endSequence="
                + endSequence
                + ", currentSequence="
                + currentSequence
                + ", currentTimestamp="
                + currentTimestamp
                + ", updateTime="
                + updateTime
                + ", discardCount="
                + discardCount
                + ", doneTime="
                + doneTime
                + ", workerAddress="
                + workerAddress
                + ", lastErrorMessage="
                + lastErrorMessage
                + '}';
    }

    /**
     * Builds a {@link ShardStatusEntry}; every number defaults to -1 (unknown), discardCount to 0.
     */
    @PublicEvolving
    public static final class Builder {
        private long startSequence = -1;
        private long endSequence = -1;
        private long currentSequence = -1;
        private long currentTimestamp = -1;
        private long updateTime = -1;
        private ConnectorShardState state;
        private String lastErrorMessage;
        private long discardCount;
        private long doneTime = -1;
        private String workerAddress;

        private Builder() {}

        public Builder startSequence(long startSequence) {
            this.startSequence = startSequence;
            return this;
        }

        public Builder endSequence(long endSequence) {
            this.endSequence = endSequence;
            return this;
        }

        public Builder currentSequence(long currentSequence) {
            this.currentSequence = currentSequence;
            return this;
        }

        public Builder currentTimestamp(long currentTimestamp) {
            this.currentTimestamp = currentTimestamp;
            return this;
        }

        public Builder updateTime(long updateTime) {
            this.updateTime = updateTime;
            return this;
        }

        public Builder state(ConnectorShardState state) {
            this.state = state;
            return this;
        }

        public Builder lastErrorMessage(String lastErrorMessage) {
            this.lastErrorMessage = lastErrorMessage;
            return this;
        }

        public Builder discardCount(long discardCount) {
            this.discardCount = discardCount;
            return this;
        }

        public Builder doneTime(long doneTime) {
            this.doneTime = doneTime;
            return this;
        }

        public Builder workerAddress(String workerAddress) {
            this.workerAddress = workerAddress;
            return this;
        }

        public ShardStatusEntry build() {
            return new ShardStatusEntry(this);
        }
    }
}
