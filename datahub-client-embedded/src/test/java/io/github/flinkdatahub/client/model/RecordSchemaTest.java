package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.exception.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSchemaTest {

    @Test
    void fromListsWithNullability() {
        RecordSchema s =
                RecordSchema.fromLists(
                        List.of("a", "b"),
                        List.of(FieldType.BIGINT, FieldType.STRING),
                        List.of(true, false));
        assertThat(s.getField("a").isAllowNull()).isTrue();
        assertThat(s.getField("B").isAllowNull()).isFalse();
        assertThat(s.indexOf("b")).isEqualTo(1);
        assertThat(s.indexOf("nope")).isEqualTo(-1);
    }

    @Test
    void threeWaysOfBuildingGiveTheSameSchema() {
        RecordSchema fromLists =
                RecordSchema.fromLists(
                        List.of("a", "b"),
                        List.of(FieldType.BIGINT, FieldType.STRING),
                        List.of(true, false));
        RecordSchema fromJson =
                RecordSchema.fromJsonString(
                        "{\"fields\":[{\"type\":\"bigint\",\"name\":\"a\"},{\"type\":\"STRING\",\"name\":\"b\",\"notnull\":true}]}");
        RecordSchema built =
                RecordSchema.builder()
                        .addField(new Field("a", FieldType.BIGINT))
                        .addField("b", FieldType.STRING, false)
                        .build();
        assertThat(fromJson).isEqualTo(fromLists).isEqualTo(built);
    }

    @Test
    void jsonRoundTripKeepsTypesNullabilityAndComments() {
        RecordSchema s =
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false, "primary"),
                        new Field("price", FieldType.DECIMAL),
                        new Field("tiny", FieldType.TINYINT));
        assertThat(s.toJsonString())
                .isEqualTo(
                        "{\"fields\":[{\"name\":\"id\",\"type\":\"BIGINT\",\"notnull\":true,"
                                + "\"comment\":\"primary\"},{\"name\":\"price\",\"type\":\"DECIMAL\"},{\"name\":\"tiny\",\"type\":\"TINYINT\"}]}");
        assertThat(RecordSchema.fromJsonString(s.toJsonString())).isEqualTo(s);
    }

    @Test
    void badSchemasAreRejectedWithTheReason() {
        assertThatThrownBy(
                        () ->
                                RecordSchema.fromLists(
                                        List.of("a", "A"),
                                        List.of(FieldType.BIGINT, FieldType.BIGINT)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Duplicate field name 'A'");
        assertThatThrownBy(() -> RecordSchema.fromLists(List.of("a"), List.of()))
                .hasMessageContaining("one type per name");
        assertThatThrownBy(() -> RecordSchema.fromJsonString("{\"x\":1}"))
                .hasMessageContaining("\"fields\"");
        assertThatThrownBy(() -> RecordSchema.fromJsonString("not json"))
                .hasMessageContaining("not valid JSON");
    }
}
