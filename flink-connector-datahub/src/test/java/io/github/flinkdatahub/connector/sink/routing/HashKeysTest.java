package io.github.flinkdatahub.connector.sink.routing;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashKeysTest {

    @Test
    void oneFieldHashesLikeThePartitionKeyOfTheSameText() {
        // MD5("hello"), which the service derives from partition key "hello".
        assertThat(HashKeys.of(List.of("hello"))).isEqualTo("5D41402ABC4B2A76B9719D911017C592");
    }

    @Test
    void severalFieldsAreSeparatedSoShiftedTextsDiffer() {
        assertThat(HashKeys.of(List.of("ab", "c"))).isNotEqualTo(HashKeys.of(List.of("a", "bc")));
        assertThat(HashKeys.of(List.of("a", "b"))).isEqualTo(HashKeys.md5Hex("a\u0001b"));
    }

    @Test
    void nullAndEmptyTextGiveDifferentKeys() {
        assertThat(HashKeys.of(Arrays.asList((String) null)))
                .isNotEqualTo(HashKeys.of(List.of("")));
        assertThat(HashKeys.of(List.of("x"))).hasSize(32).matches("[0-9A-F]{32}");
    }
}
