package io.github.flinkdatahub.emulator.subscriptions;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShardAssignerTest {
    @Test
    void spreadsEvenlyInNumericShardOrderWithExtrasToEarlierMembers() {
        Map<String, List<String>> current = new LinkedHashMap<>();
        current.put("a", List.of());
        current.put("b", List.of());
        Map<String, List<String>> plan =
                ShardAssigner.assign(List.of("10", "2", "0", "1", "3"), current);
        assertThat(plan.get("a")).containsExactly("0", "1", "2");
        assertThat(plan.get("b")).containsExactly("3", "10");
    }

    @Test
    void keepsShardsWhereTheyAreWhenTheQuotaAllows() {
        Map<String, List<String>> current = new LinkedHashMap<>();
        current.put("a", List.of("0", "1", "2", "3"));
        current.put("b", List.of());
        Map<String, List<String>> plan = ShardAssigner.assign(List.of("0", "1", "2", "3"), current);
        assertThat(plan.get("a")).containsExactly("0", "1");
        assertThat(plan.get("b")).containsExactly("2", "3");

        Map<String, List<String>> again = new LinkedHashMap<>();
        again.put("a", List.of("3"));
        again.put("b", List.of("0"));
        plan = ShardAssigner.assign(List.of("0", "1", "2", "3"), again);
        assertThat(plan.get("a")).contains("3").hasSize(2);
        assertThat(plan.get("b")).contains("0").hasSize(2);
    }

    @Test
    void dropsShardsThatAreNoLongerReadableAndLeavesSurplusMembersIdle() {
        Map<String, List<String>> current = new LinkedHashMap<>();
        current.put("a", List.of("0", "5"));
        current.put("b", List.of("1"));
        current.put("c", List.of());
        Map<String, List<String>> plan = ShardAssigner.assign(List.of("0", "1"), current);
        assertThat(plan.get("a")).containsExactly("0");
        assertThat(plan.get("b")).containsExactly("1");
        assertThat(plan.get("c")).isEmpty();
    }
}
