package io.github.flinkdatahub.client.protocol.frame;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DhubFrameTest {
    private static final byte[] PAYLOAD = "some protobuf payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void crc32cHasTheCastagnoliCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(DhubFrame.crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    }

    @Test
    void frameIsMagicBigEndianCrcLengthAndPayload() {
        byte[] frame = DhubFrame.encode(PAYLOAD);

        ByteBuffer b = ByteBuffer.wrap(frame);
        assertThat(Arrays.copyOf(frame, 4)).isEqualTo("DHUB".getBytes(StandardCharsets.US_ASCII));
        assertThat(b.getInt(4)).isEqualTo(DhubFrame.crc32c(PAYLOAD, 0, PAYLOAD.length));
        assertThat(b.getInt(8)).isEqualTo(PAYLOAD.length);
        assertThat(Arrays.copyOfRange(frame, 12, frame.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void frameRoundTrips() {
        assertThat(DhubFrame.decode(DhubFrame.encode(PAYLOAD))).isEqualTo(PAYLOAD);
        assertThat(DhubFrame.decode(DhubFrame.encode(new byte[0]))).isEmpty();
    }

    @Test
    void aMessageIsFramedAsItsBytesAre() {
        DataHubProtos.GetRecordsRequest message =
                DataHubProtos.GetRecordsRequest.newBuilder()
                        .setCursor("30000000000000000000000000000000")
                        .setLimit(10)
                        .build();

        byte[] frame = DhubFrame.encode(message);

        assertThat(frame).isEqualTo(DhubFrame.encode(message.toByteArray()));
        assertThat(DhubFrame.checkedPayloadLength(frame)).isEqualTo(message.getSerializedSize());
    }

    @Test
    void crcMismatchIsRejected() {
        byte[] frame = DhubFrame.encode(PAYLOAD);
        frame[frame.length - 1] ^= 1;

        assertThatThrownBy(() -> DhubFrame.decode(frame))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("CRC-32C mismatch")
                .hasMessageContaining("expected 0x")
                .hasMessageContaining("actual 0x");
    }

    @Test
    void crcOfZeroIsRejected() {
        byte[] frame = DhubFrame.encode(PAYLOAD);
        ByteBuffer.wrap(frame).putInt(4, 0);

        assertThatThrownBy(() -> DhubFrame.decode(frame))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("actual 0x00000000");
    }

    @Test
    void lengthMismatchIsRejected() {
        byte[] frame = DhubFrame.encode(PAYLOAD);
        ByteBuffer.wrap(frame).putInt(8, PAYLOAD.length + 1);

        assertThatThrownBy(() -> DhubFrame.decode(frame))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("header says " + (PAYLOAD.length + 1))
                .hasMessageContaining("actual " + PAYLOAD.length);
        assertThatThrownBy(() -> DhubFrame.decode(Arrays.copyOf(DhubFrame.encode(PAYLOAD), 20)))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("length mismatch");
    }

    @Test
    void wrongMagicIsRejected() {
        byte[] frame = DhubFrame.encode(PAYLOAD);
        frame[0] = 'X';

        assertThatThrownBy(() -> DhubFrame.decode(frame))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("expected 44485542")
                .hasMessageContaining("actual 58485542");
    }

    @Test
    void bodyShorterThanTheHeaderIsRejected() {
        assertThatThrownBy(() -> DhubFrame.decode("DHUB".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("actual 4 bytes");
    }
}
