package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

/**
 * Whether a subscription accepts offset sessions and commits. The service sends a number: 0 for
 * {@link #INACTIVE} (called OFFLINE by the Java SDK), 1 for {@link #ACTIVE} (ONLINE).
 */
@PublicEvolving
public enum SubscriptionState {
    INACTIVE(0),
    ACTIVE(1);

    /** The Java SDK's name for {@link #INACTIVE}. */
    public static final SubscriptionState OFFLINE = INACTIVE;

    /** The Java SDK's name for {@link #ACTIVE}. */
    public static final SubscriptionState ONLINE = ACTIVE;

    private final int code;

    SubscriptionState(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    public static SubscriptionState fromCode(int code) {
        for (SubscriptionState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw Validation.invalid(
                "Unknown subscription state "
                        + code
                        + "; use 0 (INACTIVE/OFFLINE) or 1 (ACTIVE/ONLINE)");
    }
}
