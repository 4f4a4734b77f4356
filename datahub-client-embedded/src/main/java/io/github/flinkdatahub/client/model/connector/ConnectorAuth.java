package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Objects;

/**
 * How a sink signs in to its target service. The access key is a secret: it is sent when a
 * connector is created or updated, never returned by the service, and never printed.
 */
@PublicEvolving
public final class ConnectorAuth {
    private final AuthMode mode;
    private final String accessId;
    private final String accessKey;

    private ConnectorAuth(AuthMode mode, String accessId, String accessKey) {
        this.mode = Validation.notNull(mode, "auth mode");
        this.accessId = accessId;
        this.accessKey = accessKey;
    }

    /** Access-key authentication. The key may be null in configs read back from the service. */
    public static ConnectorAuth ak(String accessId, String accessKey) {
        return new ConnectorAuth(AuthMode.AK, accessId, accessKey);
    }

    /** STS authentication: the service assumes its own role, no keys are sent. */
    public static ConnectorAuth sts() {
        return new ConnectorAuth(AuthMode.STS, null, null);
    }

    public AuthMode getMode() {
        return mode;
    }

    public String getAccessId() {
        return accessId;
    }

    public String getAccessKey() {
        return accessKey;
    }

    /** The same authentication without its secret, as the service returns it. */
    public ConnectorAuth withoutSecret() {
        return new ConnectorAuth(mode, accessId, null);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConnectorAuth)) {
            return false;
        }
        ConnectorAuth a = (ConnectorAuth) o;
        return mode == a.mode
                && Objects.equals(accessId, a.accessId)
                && Objects.equals(accessKey, a.accessKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, accessId, accessKey);
    }

    @Override
    public String toString() {
        return mode == AuthMode.STS
                ? "sts"
                : "ak{accessId=" + accessId + ", accessKey=" + WireValues.mask(accessKey) + '}';
    }
}
