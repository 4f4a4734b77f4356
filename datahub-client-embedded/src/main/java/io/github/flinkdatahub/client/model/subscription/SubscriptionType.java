package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

/**
 * Who created a subscription: a user, the service itself (e.g. for a connector), or TT. Sent as a
 * number.
 */
@PublicEvolving
public enum SubscriptionType {
    USER(0),
    SYSTEM(1),
    TT(2);

    private final int code;

    SubscriptionType(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    public static SubscriptionType fromCode(int code) {
        for (SubscriptionType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw Validation.invalid(
                "Unknown subscription type " + code + "; use 0 (USER), 1 (SYSTEM) or 2 (TT)");
    }
}
