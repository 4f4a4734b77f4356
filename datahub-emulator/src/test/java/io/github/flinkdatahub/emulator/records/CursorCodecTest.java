package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.InvalidCursorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTest {
    @Test
    void layoutIsVersionTimeSecondsSequenceAndSubPosition() {
        // The shape of the cursors the service answered in the Go SDK's recorded test.
        assertThat(CursorCodec.encode(0, 1_614_946_477_712L))
                .isEqualTo("3000604220ad00000000000000000000");
        assertThat(CursorCodec.encode(1, 1_614_946_477_712L))
                .isEqualTo("3000604220ad00000000000000010000");
        assertThat(CursorCodec.encode(22, -1)).isEqualTo("30000000000000000000000000160000");
    }

    @Test
    void decodingGivesTheSequenceBack() {
        for (long seq : new long[] {0, 1, 255, 1L << 40, Long.MAX_VALUE}) {
            assertThat(CursorCodec.decodeSequence(CursorCodec.encode(seq, 1_700_000_000_000L)))
                    .isEqualTo(seq);
        }
        assertThat(CursorCodec.decodeSequence("3000604220AD00000000000000010000"))
                .as("upper case")
                .isEqualTo(1);
    }

    @Test
    void anythingElseIsAnInvalidCursor() {
        for (String bad :
                new String[] {
                    null,
                    "",
                    "3000",
                    "20000000000000000000000000000000",
                    "3100604220ad00000000000000010000",
                    "3000604220ad00000000000000010001",
                    "3000604220ad0000000000000001000z",
                    "3000604220adffffffffffffffff0000",
                    "3000604220ad00000000000000010000 "
                }) {
            assertThatThrownBy(() -> CursorCodec.decodeSequence(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(InvalidCursorException.class)
                    .hasMessageContaining("The cursor is invalid.");
        }
    }
}
