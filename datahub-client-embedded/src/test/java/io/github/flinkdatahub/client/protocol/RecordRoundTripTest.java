package io.github.flinkdatahub.client.protocol;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchDeserializer;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchSerializer;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records through the whole wire path of both binary modes and every compression, both ways: put
 * (client encodes, emulator decodes) and get (emulator encodes, client decodes). PROTOBUF
 * compresses the framed HTTP body; BATCH compresses inside the blob and leaves the body alone.
 */
class RecordRoundTripTest {
    enum Mode {
        PROTOBUF,
        BATCH
    }

    static Stream<Arguments> modesAndCompressions() {
        List<Arguments> args = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (CompressFormat c : CompressFormat.values()) {
                for (RecordType t : RecordType.values()) {
                    args.add(Arguments.of(m, c, t));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modesAndCompressions")
    void putBodyRoundTrips(Mode mode, CompressFormat compression, RecordType type) {
        List<? extends Record> records = records(type);
        RecordSchema schema = schema(type);

        byte[] body;
        if (mode == Mode.PROTOBUF) {
            byte[] framed = DhubFrame.encode(ProtobufRecordCodec.encodePutRecordsRequest(records));
            body = Compression.compress(compression, framed);
            byte[] received =
                    DhubFrame.decode(
                            Compression.decodeBody(compression.encoding(), body, framed.length));
            assertThat(ProtobufRecordCodec.decodePutRecordsRequest(received, type, schema))
                    .isEqualTo(records);
        } else {
            byte[] blob = BatchSerializer.serialize(records, type, schema, compression, 0);
            body = DhubFrame.encode(BatchRecordCodec.encodePutBinaryRecordsRequest(blob));
            List<byte[]> blobs =
                    BatchRecordCodec.decodePutBinaryRecordsRequest(DhubFrame.decode(body));
            assertThat(blobs).hasSize(1);
            assertThat(BatchDeserializer.deserialize(blobs.get(0), type, schema))
                    .isEqualTo(records);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modesAndCompressions")
    void getBodyRoundTrips(Mode mode, CompressFormat compression, RecordType type) {
        List<Record> records = new ArrayList<>();
        for (Record r : records(type)) {
            records.add(withSequence(r, records.size()));
        }
        GetRecordsResult result =
                new GetRecordsResult("next", records.size(), 0, records.size() - 1, 99, records);
        RecordSchema schema = schema(type);

        GetRecordsResult decoded;
        if (mode == Mode.PROTOBUF) {
            byte[] framed = DhubFrame.encode(ProtobufRecordCodec.encodeGetRecordsResponse(result));
            byte[] body = Compression.compress(compression, framed);
            decoded =
                    ProtobufRecordCodec.decodeGetRecordsResponse(
                            DhubFrame.decode(
                                    Compression.decodeBody(
                                            compression.encoding(), body, framed.length)),
                            type,
                            schema,
                            "0");
        } else {
            byte[] body =
                    DhubFrame.encode(
                            BatchRecordCodec.encodeGetBinaryRecordsResponse(
                                    result, type, schema, compression, 0));
            decoded =
                    BatchRecordCodec.decodeGetBinaryRecordsResponse(
                            DhubFrame.decode(body), type, schema, "0");
        }

        assertThat(decoded.getRecords()).isEqualTo(records);
        assertThat(decoded.getRecords())
                .extracting(Record::getSequence)
                .containsExactlyElementsOf(
                        records.stream().map(Record::getSequence).collect(Collectors.toList()));
        assertThat(decoded.getNextCursor()).isEqualTo("next");
    }

    private static List<? extends Record> records(RecordType type) {
        return type == RecordType.TUPLE ? TestRecords.tuples() : TestRecords.blobs();
    }

    private static RecordSchema schema(RecordType type) {
        return type == RecordType.TUPLE ? TestRecords.ALL_TYPES : null;
    }

    private static Record withSequence(Record r, long sequence) {
        if (r instanceof TupleRecord) {
            return ((TupleRecord) r)
                    .toBuilder()
                            .sequence(sequence)
                            .systemTime(1000 + sequence)
                            .cursor("c" + sequence)
                            .nextCursor("c" + (sequence + 1))
                            .build();
        }
        return ((BlobRecord) r)
                .toBuilder()
                        .sequence(sequence)
                        .systemTime(1000 + sequence)
                        .cursor("c" + sequence)
                        .nextCursor("c" + (sequence + 1))
                        .build();
    }
}
