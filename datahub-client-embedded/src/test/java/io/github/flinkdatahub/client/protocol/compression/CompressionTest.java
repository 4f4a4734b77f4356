package io.github.flinkdatahub.client.protocol.compression;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.CompressFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionTest {
    private static final byte[] TEXT =
            "DataHub DataHub DataHub compresses well, DataHub DataHub DataHub"
                    .repeat(50)
                    .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void compressibleDataRoundTrips(CompressFormat format) {
        byte[] compressed = Compression.compress(format, TEXT);

        if (format != CompressFormat.NONE) {
            assertThat(compressed.length).isLessThan(TEXT.length / 10);
        }
        assertThat(Compression.decompress(format, compressed, TEXT.length)).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void incompressibleAndEmptyDataRoundTrip(CompressFormat format) {
        byte[] random = new byte[10_000];
        new Random(7).nextBytes(random);

        assertThat(
                        Compression.decompress(
                                format, Compression.compress(format, random), random.length))
                .isEqualTo(random);
        assertThat(Compression.decompress(format, Compression.compress(format, new byte[0]), 0))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressFormat.class,
            names = {"ZLIB", "DEFLATE"})
    void zlibNeedsNoRawSize(CompressFormat format) {
        assertThat(Compression.decompress(format, Compression.compress(format, TEXT), -1))
                .isEqualTo(TEXT);
    }

    @Test
    void zlibAndDeflateWriteTheZlibStreamFormat() {
        byte[] compressed = Compression.compress(CompressFormat.DEFLATE, TEXT);

        assertThat(compressed[0]).isEqualTo((byte) 0x78);
        assertThat(((compressed[0] & 0xFF) << 8 | (compressed[1] & 0xFF)) % 31).isZero();
        assertThat(Compression.compress(CompressFormat.ZLIB, TEXT)).isEqualTo(compressed);
    }

    @Test
    void rawDeflateWithoutZlibHeaderIsAccepted() {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(TEXT);
        deflater.finish();
        byte[] buf = new byte[TEXT.length];
        byte[] raw = Arrays.copyOf(buf, deflater.deflate(buf));
        deflater.end();

        assertThat(Compression.decompress(CompressFormat.DEFLATE, raw, TEXT.length))
                .isEqualTo(TEXT);
        assertThat(Compression.decompress(CompressFormat.ZLIB, raw, -1)).isEqualTo(TEXT);
    }

    @Test
    void lz4IsARawBlockWithoutSizePrefix() {
        // A literal-only block as described in §4.2 of the protocol reference: token 0x50, "hello".
        byte[] block = {0x50, 'h', 'e', 'l', 'l', 'o'};

        assertThat(Compression.decompress(CompressFormat.LZ4, block, 5))
                .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(
                        Compression.compress(
                                CompressFormat.LZ4, "hello".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(block);
    }

    @Test
    void damagedLz4IsRejected() {
        byte[] compressed = Compression.compress(CompressFormat.LZ4, TEXT);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

        assertThatThrownBy(() -> Compression.decompress(CompressFormat.LZ4, truncated, TEXT.length))
                .isInstanceOf(CorruptedResponseException.class);
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.LZ4, compressed, TEXT.length + 1))
                .isInstanceOf(CorruptedResponseException.class);
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.LZ4, compressed, TEXT.length - 1))
                .isInstanceOf(CorruptedResponseException.class);
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.LZ4, new byte[] {(byte) 0xF0, 1, 2}, 100))
                .isInstanceOf(CorruptedResponseException.class);
    }

    @Test
    void lz4WithoutRawSizeIsRejected() {
        byte[] compressed = Compression.compress(CompressFormat.LZ4, TEXT);

        assertThatThrownBy(() -> Compression.decompress(CompressFormat.LZ4, compressed, -1))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("x-datahub-content-raw-size");
    }

    @Test
    void impossibleRawSizeIsRejectedWithoutAllocatingIt() {
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.LZ4, new byte[10], Integer.MAX_VALUE))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("impossible");
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.ZLIB, new byte[10], Integer.MAX_VALUE))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("impossible");
    }

    @Test
    void damagedZlibIsRejected() {
        byte[] compressed = Compression.compress(CompressFormat.ZLIB, TEXT);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 5);
        byte[] badChecksum = compressed.clone();
        badChecksum[badChecksum.length - 1] ^= 1;
        byte[] trailing = Arrays.copyOf(compressed, compressed.length + 3);

        for (byte[] damaged : new byte[][] {truncated, badChecksum, trailing, {1, 2, 3, 4, 5}}) {
            assertThatThrownBy(() -> Compression.decompress(CompressFormat.ZLIB, damaged, -1))
                    .isInstanceOf(CorruptedResponseException.class);
        }
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.DEFLATE, compressed, TEXT.length - 1))
                .isInstanceOf(CorruptedResponseException.class);
        assertThatThrownBy(
                        () ->
                                Compression.decompress(
                                        CompressFormat.DEFLATE, compressed, TEXT.length + 1))
                .isInstanceOf(CorruptedResponseException.class);
    }

    @Test
    void bodyIsDecodedByContentEncoding() {
        assertThat(
                        Compression.decodeBody(
                                "lz4", Compression.compress(CompressFormat.LZ4, TEXT), TEXT.length))
                .isEqualTo(TEXT);
        assertThat(
                        Compression.decodeBody(
                                "Deflate", Compression.compress(CompressFormat.DEFLATE, TEXT), -1))
                .isEqualTo(TEXT);
        assertThat(
                        Compression.decodeBody(
                                "zlib",
                                Compression.compress(CompressFormat.ZLIB, TEXT),
                                TEXT.length))
                .isEqualTo(TEXT);
        assertThat(Compression.decodeBody(null, TEXT, -1)).isSameAs(TEXT);
        assertThat(Compression.decodeBody("", TEXT, -1)).isSameAs(TEXT);
    }

    @Test
    void unknownContentEncodingIsRejected() {
        assertThatThrownBy(() -> Compression.decodeBody("gzip", TEXT, -1))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("'gzip'");
    }
}
