package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * An offset owned by an open session. Each open of a shard starts a new session (0 first, then +1),
 * so a commit from an older session fails: only the latest opener may commit.
 */
@PublicEvolving
public final class OffsetWithSession extends OffsetWithVersion {
    private final long sessionId;

    public OffsetWithSession(long sequence, long timestamp, long version, long sessionId) {
        this(sequence, timestamp, 0, version, sessionId);
    }

    public OffsetWithSession(
            long sequence, long timestamp, int batchIndex, long version, long sessionId) {
        super(sequence, timestamp, batchIndex, version);
        this.sessionId = sessionId;
    }

    public long getSessionId() {
        return sessionId;
    }

    /** The same session with a new consumed position, ready to commit. */
    public OffsetWithSession withPosition(long sequence, long timestamp, int batchIndex) {
        return new OffsetWithSession(sequence, timestamp, batchIndex, getVersion(), sessionId);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && sessionId == ((OffsetWithSession) o).sessionId;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Long.hashCode(sessionId);
    }

    @Override
    String fieldsToString() {
        return super.fieldsToString() + ", sessionId=" + sessionId;
    }
}
