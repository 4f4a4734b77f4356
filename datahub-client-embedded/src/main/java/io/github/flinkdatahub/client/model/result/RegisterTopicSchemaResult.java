package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Version id given to a newly registered schema. */
@PublicEvolving
public final class RegisterTopicSchemaResult {
    private final int versionId;

    public RegisterTopicSchemaResult(int versionId) {
        this.versionId = versionId;
    }

    public int getVersionId() {
        return versionId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegisterTopicSchemaResult)) {
            return false;
        }
        RegisterTopicSchemaResult r = (RegisterTopicSchemaResult) o;
        return versionId == r.versionId;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(versionId);
    }

    @Override
    public String toString() {
        return "RegisterTopicSchemaResult{versionId=" + versionId + '}';
    }
}
