package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTypeTest {

    @Test
    void integerTypesAcceptInRangeValuesOfAnyIntegralClass() {
        assertThat(FieldType.TINYINT.normalize(127, "f")).isEqualTo((byte) 127);
        assertThat(FieldType.TINYINT.normalize(-128L, "f")).isEqualTo((byte) -128);
        assertThat(FieldType.SMALLINT.normalize((byte) 5, "f")).isEqualTo((short) 5);
        assertThat(FieldType.INTEGER.normalize(new BigDecimal("7"), "f")).isEqualTo(7);
        assertThat(FieldType.BIGINT.normalize(Long.MAX_VALUE, "f")).isEqualTo(Long.MAX_VALUE);
        assertThat(FieldType.BIGINT.normalize(Long.MIN_VALUE, "f")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void outOfRangeValuesNameTheFieldAndTheRange() {
        assertThatThrownBy(() -> FieldType.TINYINT.normalize(128, "small"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'small'")
                .hasMessageContaining("TINYINT")
                .hasMessageContaining("128")
                .hasMessageContaining("[-128, 127]");
        assertThatThrownBy(() -> FieldType.SMALLINT.normalize(40000, "f"))
                .hasMessageContaining("[-32768, 32767]");
        assertThatThrownBy(
                        () ->
                                FieldType.BIGINT.normalize(
                                        java.math.BigInteger.ONE.shiftLeft(63), "f"))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> FieldType.INTEGER.normalize(1.5, "f"))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> FieldType.STRING.normalize(5, "f"))
                .hasMessageContaining("expected a String");
        assertThatThrownBy(() -> FieldType.BOOLEAN.normalize("true", "f"))
                .hasMessageContaining("expected a Boolean");
    }

    @Test
    void decimalKeepsPrecisionAndRejectsMoreThan38IntegerDigits() {
        BigDecimal d = new BigDecimal("12345678901234567890.123456789012345678");
        assertThat(FieldType.DECIMAL.normalize(d, "f")).isEqualTo(d);
        assertThat(FieldType.DECIMAL.toText(d))
                .isEqualTo("12345678901234567890.123456789012345678");
        assertThat(FieldType.DECIMAL.toText(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(
                        FieldType.DECIMAL.normalize(
                                new BigDecimal("99999999999999999999999999999999999999"), "f"))
                .isNotNull();
        assertThatThrownBy(() -> FieldType.DECIMAL.normalize(BigDecimal.TEN.pow(38), "price"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("price");
    }

    @Test
    void timestampIsMicrosecondsAndAcceptsInstants() {
        assertThat(FieldType.TIMESTAMP.normalize(Instant.ofEpochSecond(1, 2_345_000), "t"))
                .isEqualTo(1_002_345L);
        assertThatThrownBy(
                        () ->
                                FieldType.TIMESTAMP.normalize(
                                        FieldType.MAX_TIMESTAMP_MICROS + 1, "t"))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(FieldType.TIMESTAMP.normalize(FieldType.MIN_TIMESTAMP_MICROS, "t"))
                .isEqualTo(FieldType.MIN_TIMESTAMP_MICROS);
    }

    @Test
    void stringsOverTwoMegabytesOfUtf8AreRejected() {
        String ok = "a".repeat(FieldType.MAX_STRING_BYTES);
        assertThat(FieldType.STRING.normalize(ok, "s")).isSameAs(ok);
        String tooBig = "\u4e2d".repeat(FieldType.MAX_STRING_BYTES / 3 + 1);
        assertThatThrownBy(() -> FieldType.STRING.normalize(tooBig, "s"))
                .hasMessageContaining("exceeds");
    }

    @Test
    void floatRejectsDoublesBeyondItsRange() {
        assertThat(FieldType.FLOAT.normalize(1.5, "f")).isEqualTo(1.5f);
        assertThatThrownBy(() -> FieldType.FLOAT.normalize(1e39, "f"))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void textFormsRoundTripAndAcceptWhatTheSdksWrite() {
        assertThat(FieldType.DOUBLE.fromText("1.001e+01", "d")).isEqualTo(10.01);
        assertThat(FieldType.DOUBLE.fromText("1.e+10", "d")).isEqualTo(1e10);
        assertThat(FieldType.BOOLEAN.fromText("TRUE", "b")).isEqualTo(true);
        assertThat(FieldType.BOOLEAN.fromText("0", "b")).isEqualTo(false);
        assertThat(FieldType.TINYINT.fromText("-3", "b")).isEqualTo((byte) -3);
        assertThatThrownBy(() -> FieldType.BOOLEAN.fromText("yes", "flag"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("flag");
        assertThatThrownBy(() -> FieldType.BIGINT.fromText("1.0", "n"))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void typeNamesParseInAnyCase() {
        assertThat(FieldType.fromName("bigint")).isEqualTo(FieldType.BIGINT);
        assertThatThrownBy(() -> FieldType.fromName("JSON"))
                .hasMessageContaining("Unknown field type 'JSON'");
    }
}
