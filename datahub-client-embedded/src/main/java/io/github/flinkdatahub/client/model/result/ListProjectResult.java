package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;

/** Names of the projects visible to the account. */
@PublicEvolving
public final class ListProjectResult {
    private final List<String> projectNames;

    public ListProjectResult(List<String> projectNames) {
        this.projectNames = projectNames == null ? List.of() : List.copyOf(projectNames);
    }

    public List<String> getProjectNames() {
        return projectNames;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListProjectResult)) {
            return false;
        }
        ListProjectResult r = (ListProjectResult) o;
        return java.util.Objects.equals(projectNames, r.projectNames);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(projectNames);
    }

    @Override
    public String toString() {
        return "ListProjectResult{projectNames=" + projectNames + '}';
    }
}
