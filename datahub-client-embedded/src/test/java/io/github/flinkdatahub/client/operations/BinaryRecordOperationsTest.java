package io.github.flinkdatahub.client.operations;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.TestRecords;
import io.github.flinkdatahub.client.protocol.batch.BatchDeserializer;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import io.github.flinkdatahub.client.testutil.Fixtures;
import io.github.flinkdatahub.client.testutil.RecordingServer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record calls of PROTOBUF and BATCH clients: what goes on the wire and how answers are read. */
class BinaryRecordOperationsTest extends OperationTestBase {

    @Test
    void protobufPutIsAFramedRequestWithThePubActionHeader() {
        server.respondFixture(200, "projects.put.topics.success.shards.bin");
        List<TupleRecord> records = TestRecords.tuples();
        try (DataHubClient pb = newClient(WireMode.PROTOBUF, CompressFormat.NONE)) {
            PutRecordsResult result = pb.putRecords("put", "success", records);
            assertThat(result.getFailedRecordCount()).isZero();
        }
        RecordingServer.Recorded r = assertRequest("POST", "/projects/put/topics/success/shards");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(r.header("x-datahub-request-action")).isEqualTo("pub");
        assertThat(r.header("Content-Encoding")).isNull();
        List<Record> sent =
                ProtobufRecordCodec.decodePutRecordsRequest(
                        DhubFrame.decode(r.body), RecordType.TUPLE, TestRecords.ALL_TYPES);
        assertThat(sent).isEqualTo(records);
    }

    @Test
    void protobufPutReportsPartialFailures() {
        byte[] answer =
                DhubFrame.encode(
                        ProtobufRecordCodec.encodePutRecordsResponse(
                                new PutRecordsResult(
                                        1,
                                        List.of(
                                                new io.github.flinkdatahub.client.model
                                                        .FailedRecord(
                                                        0, "MalformedRecord", "bad")))));
        server.respond(200, "application/x-protobuf", answer);
        List<BlobRecord> blobs = TestRecords.blobs();
        try (DataHubClient pb = newClient(WireMode.PROTOBUF, CompressFormat.NONE)) {
            PutRecordsResult result = pb.putRecords("p1", "t1", blobs);
            assertThat(result.getFailedRecordCount()).isEqualTo(1);
            assertThat(result.getFailedRecords().get(0).getErrorMessage()).isEqualTo("bad");
            assertThat(result.getFailedRecordList()).containsExactly(blobs.get(0));
        }
    }

    @Test
    void protobufGetDecodesTheRecordedTupleAnswer() {
        server.respondFixture(200, "projects.get.topics.tuple.shards.0.bin");
        GetRecordsResult result;
        try (DataHubClient pb = newClient(WireMode.PROTOBUF, CompressFormat.NONE)) {
            result =
                    pb.getTupleRecords(
                            "get",
                            "tuple",
                            "0",
                            JsonRecordOperationsTest.SCHEMA,
                            "20000000000000000000000000000000",
                            3);
        }
        RecordingServer.Recorded r = assertRequest("POST", "/projects/get/topics/tuple/shards/0");
        assertThat(r.header("x-datahub-request-action")).isEqualTo("sub");
        DataHubProtos.GetRecordsRequest req =
                ProtobufRecordCodec.decodeGetRecordsRequest(DhubFrame.decode(r.body));
        assertThat(req.getCursor()).isEqualTo("20000000000000000000000000000000");
        assertThat(req.getLimit()).isEqualTo(3);
        assertThat(result.getNextCursor()).isEqualTo("200000000000000000000000018c0030");
        assertThat(result.getRecords())
                .extracting(x -> ((TupleRecord) x).getValues())
                .containsExactly(
                        List.of(99L, "yc1", 10.01, true, 1455869335000000L),
                        List.of(99L, "yc1", 10.01, true, 1455869335000000L),
                        List.of(99L, "yc2", 10.02, false, 1455869335000011L));
        assertThat(result.getRecords()).extracting(Record::getSequence).containsExactly(0L, 1L, 2L);
        assertThat(result.getRecords()).extracting(Record::getShardId).containsOnly("0");
    }

    @Test
    void lz4CompressesRecordBodiesAndReadsCompressedAnswers() {
        byte[] framed = Fixtures.bytes("projects.get.topics.tuple.shards.0.bin");
        server.respond(
                200,
                "application/x-protobuf",
                Compression.compress(CompressFormat.LZ4, framed),
                "Content-Encoding",
                "lz4",
                "x-datahub-content-raw-size",
                Integer.toString(framed.length));
        List<TupleRecord> many = java.util.Collections.nCopies(50, TestRecords.tuples().get(0));
        try (DataHubClient lz4 = newClient(WireMode.PROTOBUF, CompressFormat.LZ4)) {
            GetRecordsResult result =
                    lz4.getTupleRecords(
                            "get", "tuple", "0", JsonRecordOperationsTest.SCHEMA, "c", 3);
            assertThat(result.getRecords()).hasSize(3);
            assertThat(server.lastRequest().header("Accept-Encoding")).isEqualTo("lz4");
            lz4.putRecordsByShard("p1", "t1", "0", many);
        }
        RecordingServer.Recorded put = assertRequest("POST", "/projects/p1/topics/t1/shards/0");
        assertThat(put.header("Content-Encoding")).isEqualTo("lz4");
        int raw = Integer.parseInt(put.header("x-datahub-content-raw-size"));
        assertThat(put.body.length).isLessThan(raw);
        byte[] payload =
                DhubFrame.decode(Compression.decompress(CompressFormat.LZ4, put.body, raw));
        assertThat(
                        ProtobufRecordCodec.decodePutRecordsRequest(
                                payload, RecordType.TUPLE, TestRecords.ALL_TYPES))
                .isEqualTo(many);
    }

    @Test
    void deflateCompressesWithZlibStreams() {
        List<TupleRecord> many = java.util.Collections.nCopies(50, TestRecords.tuples().get(0));
        try (DataHubClient deflate = newClient(WireMode.PROTOBUF, CompressFormat.DEFLATE)) {
            deflate.putRecordsByShard("p1", "t1", "0", many);
        }
        RecordingServer.Recorded put = server.lastRequest();
        assertThat(put.header("Content-Encoding")).isEqualTo("deflate");
        assertThat(put.body[0]).as("zlib header").isEqualTo((byte) 0x78);
        byte[] payload =
                DhubFrame.decode(
                        Compression.decompress(
                                CompressFormat.DEFLATE,
                                put.body,
                                Integer.parseInt(put.header("x-datahub-content-raw-size"))));
        assertThat(
                        ProtobufRecordCodec.decodePutRecordsRequest(
                                payload, RecordType.TUPLE, TestRecords.ALL_TYPES))
                .isEqualTo(many);
    }

    @Test
    void aCorruptedAnswerIsNeverAccepted() {
        byte[] framed = Fixtures.bytes("projects.get.topics.tuple.shards.0.bin").clone();
        framed[framed.length - 1] ^= 1;
        for (int i = 0; i < 3; i++) {
            server.respond(200, "application/x-protobuf", framed);
        }
        try (DataHubClient pb = newClient(WireMode.PROTOBUF, CompressFormat.NONE)) {
            assertThatThrownBy(
                            () ->
                                    pb.getTupleRecords(
                                            "get",
                                            "tuple",
                                            "0",
                                            JsonRecordOperationsTest.SCHEMA,
                                            "c",
                                            3))
                    .isInstanceOf(CorruptedResponseException.class)
                    .hasMessageContaining("CRC");
        }
    }

    @Test
    void batchPutSendsOneLz4BlobWithoutHttpCompression() {
        List<TupleRecord> records = TestRecords.tuples();
        try (DataHubClient batch = newClient(WireMode.BATCH, CompressFormat.LZ4)) {
            batch.putRecordsByShard("p1", "t1", "1", records);
        }
        RecordingServer.Recorded r = assertRequest("POST", "/projects/p1/topics/t1/shards/1");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-binary");
        assertThat(r.header("x-datahub-request-action")).isEqualTo("pub");
        assertThat(r.header("Content-Encoding")).isNull();
        List<byte[]> blobs =
                BatchRecordCodec.decodePutBinaryRecordsRequest(DhubFrame.decode(r.body));
        assertThat(blobs).hasSize(1);
        short attributes =
                ByteBuffer.wrap(blobs.get(0), 20, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat(attributes & 0x3).as("LZ4 or raw when LZ4 would not shrink it").isIn(0, 2);
        assertThat(attributes & 0x8).isEqualTo(8);
        assertThat(
                        BatchDeserializer.deserialize(
                                blobs.get(0), RecordType.TUPLE, TestRecords.ALL_TYPES))
                .isEqualTo(records);
    }

    @Test
    void batchClientsSendRoutedPutsAsProtobuf() {
        server.respondFixture(200, "projects.put.topics.success.shards.bin");
        try (DataHubClient batch = newClient(WireMode.BATCH, CompressFormat.LZ4)) {
            batch.putRecords("p1", "t1", TestRecords.blobs());
        }
        assertThat(server.lastRequest().header("Content-Type")).isEqualTo("application/x-protobuf");
    }

    @Test
    void batchGetDecodesTheRecordedBlobs() {
        server.respond(
                200,
                "application/x-binary",
                Fixtures.bytes("projects.get.topics.blob_batch.shards.0.bin"));
        GetRecordsResult result;
        try (DataHubClient batch = newClient(WireMode.BATCH, CompressFormat.LZ4)) {
            result = batch.getBlobRecords("get", "blob_batch", "0", "c", 10);
        }
        assertThat(server.lastRequest().header("Content-Type")).isEqualTo("application/x-binary");
        assertThat(server.lastRequest().header("x-datahub-request-action")).isEqualTo("sub");
        assertThat(result.getRecords()).hasSize(3);
        assertThat(result.getRecords())
                .extracting(x -> new String(((BlobRecord) x).getData()))
                .containsExactly("datatest-0", "datatest-1", "datatest-2");
        assertThat(result.getRecords()).extracting(Record::getSequence).containsOnly(8L);
        assertThat(result.getRecords()).extracting(Record::getBatchIndex).containsExactly(0, 1, 2);
    }

    @Test
    void batchErrorAnswersAreJsonAndMapToTypedExceptions() {
        try (DataHubClient batch = newClient(WireMode.BATCH, CompressFormat.LZ4)) {
            List<BlobRecord> one = List.of(BlobRecord.of(new byte[] {1}));
            server.respondFixture(400, "projects.get.topics.invalid_cursor_batch.shards.0.bin");
            assertThatThrownBy(
                            () -> batch.getBlobRecords("get", "invalid_cursor_batch", "0", "c", 1))
                    .isInstanceOf(InvalidCursorException.class);
            server.respondFixture(400, "projects.put.topics.invalid_state_batch.shards.0.bin");
            assertThatThrownBy(
                            () -> batch.putRecordsByShard("put", "invalid_state_batch", "0", one))
                    .isInstanceOf(ShardSealedException.class);
            server.respondFixture(400, "projects.put.topics.malformed_batch.shards.0.bin");
            assertThatThrownBy(() -> batch.putRecordsByShard("put", "malformed_batch", "0", one))
                    .isInstanceOf(MalformedRecordException.class);
            for (int i = 0; i < 3; i++) {
                server.respondFixture(429, "projects.put.topics.limit_exceeded_batch.shards.0.bin");
            }
            assertThatThrownBy(
                            () -> batch.putRecordsByShard("put", "limit_exceeded_batch", "0", one))
                    .isInstanceOf(LimitExceededException.class);
            server.respondFixture(404, "projects.unexisted.topics.valid_batch.shards.0.bin");
            assertThatThrownBy(() -> batch.getBlobRecords("unexisted", "valid_batch", "0", "c", 1))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("NoSuchTopic");
            server.respondFixture(404, "projects.valid_batch.topics.unexisted.shards.0.bin");
            assertThatThrownBy(() -> batch.getBlobRecords("valid_batch", "unexisted", "0", "c", 1))
                    .isInstanceOf(ResourceNotFoundException.class);
            server.respondFixture(404, "projects.valid_batch.topics.valid_batch.shards.0.bin");
            assertThatThrownBy(
                            () -> batch.getBlobRecords("valid_batch", "valid_batch", "0", "c", 1))
                    .isInstanceOf(ShardNotFoundException.class);
        }
    }
}
