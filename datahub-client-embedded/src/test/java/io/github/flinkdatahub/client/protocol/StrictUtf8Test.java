package io.github.flinkdatahub.client.protocol;

import io.github.flinkdatahub.client.exception.MalformedRecordException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link StrictUtf8} decodes with the JDK's lenient decoding and asks a strict decoder only when
 * the text holds U+FFFD: every input must get exactly the strict decoder's verdict.
 */
class StrictUtf8Test {
    /** Bytes that end every kind of sequence early or break it, and the boundaries between. */
    private static final int[] EDGE_BYTES = {
        0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC1, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4,
        0xF5, 0xFF
    };

    @Test
    void asciiAndMultiByteTextDecodeAsTheyAre() {
        for (String text :
                List.of("", "plain ascii", "é", "ü and ß", "€100", "中文字段", "𝄞 clef", "mixé€𝄞")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(StrictUtf8.decodeField(bytes, 0, bytes.length, "f")).isEqualTo(text);
            assertThat(StrictUtf8.decode(bytes, 0, bytes.length, "An attribute")).isEqualTo(text);
        }
    }

    @Test
    void aWrittenReplacementCharacterIsValidText() {
        for (String text : List.of("\uFFFD", "a\uFFFDb", "\uFFFD\uFFFD", "é\uFFFD€", "\uFFFD𝄞")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(StrictUtf8.decodeField(bytes, 0, bytes.length, "f")).isEqualTo(text);
        }
    }

    @Test
    void aReplacementCharacterNextToInvalidBytesIsStillRefused() {
        byte[] valid = "a\uFFFDb".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[valid.length + 1];
        System.arraycopy(valid, 0, bytes, 0, valid.length);
        bytes[valid.length] = (byte) 0xC3;
        assertThatThrownBy(() -> StrictUtf8.decodeField(bytes, 0, bytes.length, "payload"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Field 'payload' is not valid UTF-8");
    }

    @Test
    void refusalNamesTheFieldOrTheValue() {
        byte[] bytes = {'o', 'k', (byte) 0xC3, 0x28};
        MalformedRecordException field =
                catchThrowableOfType(
                        () -> StrictUtf8.decodeField(bytes, 0, bytes.length, "user_name"),
                        MalformedRecordException.class);
        assertThat(field.getErrorMessage()).isEqualTo("Field 'user_name' is not valid UTF-8");
        MalformedRecordException attribute =
                catchThrowableOfType(
                        () -> StrictUtf8.decode(bytes, 0, bytes.length, "An attribute"),
                        MalformedRecordException.class);
        assertThat(attribute.getErrorMessage()).isEqualTo("An attribute is not valid UTF-8");
    }

    @Test
    void everyTruncationOfMultiByteTextGetsTheStrictVerdict() {
        byte[] text = "a\u00e9\u20ac\uD834\uDD1E\uFFFDz".getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from <= text.length; from++) {
            for (int to = from; to <= text.length; to++) {
                assertSameVerdict(text, from, to - from);
            }
        }
    }

    @Test
    void everyOneAndTwoByteSequenceGetsTheStrictVerdict() {
        byte[] bytes = new byte[2];
        for (int a = 0; a < 256; a++) {
            bytes[0] = (byte) a;
            assertSameVerdict(bytes, 0, 1);
            for (int b = 0; b < 256; b++) {
                bytes[1] = (byte) b;
                assertSameVerdict(bytes, 0, 2);
            }
        }
    }

    @Test
    void everyThreeAndFourByteSequenceOfEdgeBytesGetsTheStrictVerdict() {
        // Overlong forms (E0 80.., F0 80..), UTF-16 surrogates (ED A0..), code points above
        // U+10FFFF (F4 90.., F5..), lone continuations and missing ones all meet here.
        byte[] bytes = new byte[4];
        for (int a : EDGE_BYTES) {
            for (int b : EDGE_BYTES) {
                for (int c : EDGE_BYTES) {
                    bytes[0] = (byte) a;
                    bytes[1] = (byte) b;
                    bytes[2] = (byte) c;
                    assertSameVerdict(bytes, 0, 3);
                    for (int d : EDGE_BYTES) {
                        bytes[3] = (byte) d;
                        assertSameVerdict(bytes, 0, 4);
                    }
                }
            }
        }
    }

    @Test
    void randomBytesInsideALargerArrayGetTheStrictVerdict() {
        Random random = new Random(42);
        byte[] pool = "a\u00e9\u20ac\uD834\uDD1E\uFFFD".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[40];
        for (int i = 0; i < 50_000; i++) {
            for (int k = 0; k < bytes.length; k++) {
                // Mostly bytes of valid text, some arbitrary: long valid runs with rare faults.
                bytes[k] =
                        random.nextInt(8) == 0
                                ? (byte) random.nextInt(256)
                                : pool[random.nextInt(pool.length)];
            }
            int from = random.nextInt(bytes.length);
            assertSameVerdict(bytes, from, random.nextInt(bytes.length - from + 1));
        }
    }

    @Test
    void onlyTheGivenRangeIsDecoded() {
        byte[] bytes = {(byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xC3};
        assertThat(StrictUtf8.decodeField(bytes, 1, 3, "f")).isEqualTo("aé");
        assertThatThrownBy(() -> StrictUtf8.decodeField(bytes, 1, 4, "f"))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> StrictUtf8.decodeField(bytes, 0, 2, "f"))
                .isInstanceOf(MalformedRecordException.class);
    }

    /** Fails unless StrictUtf8 returns what the strict decoder returns, or refuses what it does. */
    private static void assertSameVerdict(byte[] bytes, int offset, int length) {
        String expected = strict(bytes, offset, length);
        String actual;
        try {
            actual = StrictUtf8.decodeField(bytes, offset, length, "f");
        } catch (MalformedRecordException e) {
            actual = null;
        }
        if (expected == null ? actual != null : !expected.equals(actual)) {
            fail(
                    "Bytes %s: the strict decoder gives %s, StrictUtf8 %s",
                    hex(bytes, offset, length),
                    expected == null ? "an error" : "\"" + expected + "\"",
                    actual == null ? "an error" : "\"" + actual + "\"");
        }
    }

    private static String strict(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String hex(byte[] bytes, int offset, int length) {
        List<String> out = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            out.add(String.format("%02X", bytes[i] & 0xFF));
        }
        return String.join(" ", out);
    }
}
