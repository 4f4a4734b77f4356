package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;

/** Names of the topics of a project. */
@PublicEvolving
public final class ListTopicResult {
    private final List<String> topicNames;

    public ListTopicResult(List<String> topicNames) {
        this.topicNames = topicNames == null ? List.of() : List.copyOf(topicNames);
    }

    public List<String> getTopicNames() {
        return topicNames;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListTopicResult)) {
            return false;
        }
        ListTopicResult r = (ListTopicResult) o;
        return java.util.Objects.equals(topicNames, r.topicNames);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(topicNames);
    }

    @Override
    public String toString() {
        return "ListTopicResult{topicNames=" + topicNames + '}';
    }
}
