package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchSerializer;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client's record codecs, one operation being one request body of {@value #RECORDS} records as
 * the client builds it: encode = a put request body, decode = reading a get answer body. With LZ4,
 * JSON and protobuf bodies are compressed as HTTP bodies are; batch blobs compress their record
 * area.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    /** Records per operation: a typical put batch. */
    public static final int RECORDS = 100;

    private static final String SHARD = "0";

    @Param({"TUPLE_SMALL", "TUPLE_1KB", "BLOB_1KB"})
    public RecordShapes shape;

    @Param({"NONE", "LZ4"})
    public CompressFormat compression;

    private List<Record> records;
    private RecordType type;
    private RecordSchema schema;
    private byte[] jsonGetBody;
    private int jsonGetRaw;
    private byte[] protobufGetBody;
    private int protobufGetRaw;
    private byte[] batchGetBody;

    @Setup
    public void setUp() {
        type = shape.type();
        schema = shape.schema();
        records = shape.records(0, RECORDS);
        byte[] json = Json.toBytes(RecordJson.writeGetResponse(getAnswer(false)));
        jsonGetRaw = json.length;
        jsonGetBody = Compression.compress(compression, json);
        byte[] protobuf =
                DhubFrame.encode(ProtobufRecordCodec.encodeGetRecordsResponse(getAnswer(false)));
        protobufGetRaw = protobuf.length;
        protobufGetBody = Compression.compress(compression, protobuf);
        batchGetBody =
                DhubFrame.encode(
                        BatchRecordCodec.encodeGetBinaryRecordsResponse(
                                getAnswer(true), type, schema, compression, 0));
    }

    /**
     * What the service answers a get with: records with their positions, in one blob when {@code
     * batch}.
     */
    private GetRecordsResult getAnswer(boolean batch) {
        List<Record> read = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            Record r = records.get(i);
            read.add(
                    r instanceof TupleRecord
                            ? position(((TupleRecord) r).toBuilder(), i, batch).build()
                            : position(((BlobRecord) r).toBuilder(), i, batch).build());
        }
        return new GetRecordsResult(
                String.format("%032x", 1000 + RECORDS),
                RECORDS,
                1000,
                1000 + RECORDS - 1,
                1_700_000_000_000L + RECORDS,
                read);
    }

    private static <B extends Record.Builder<B>> B position(B b, int i, boolean batch) {
        b.shardId(SHARD)
                .sequence(batch ? 1000 : 1000 + i)
                .systemTime(1_700_000_000_000L + i)
                .cursor(String.format("%032x", 1000 + i))
                .nextCursor(String.format("%032x", 1001 + i));
        return batch ? b.batchIndex(i, RECORDS) : b;
    }

    @Benchmark
    public byte[] jsonEncode() {
        return Compression.compress(compression, RecordJson.encodePutRequest(records));
    }

    @Benchmark
    public GetRecordsResult jsonDecode() {
        return RecordJson.readGetResponse(
                Json.parse(Compression.decompress(compression, jsonGetBody, jsonGetRaw)),
                type,
                schema,
                SHARD);
    }

    @Benchmark
    public byte[] protobufEncode() {
        return Compression.compress(
                compression,
                DhubFrame.encode(ProtobufRecordCodec.encodePutRecordsRequest(records)));
    }

    @Benchmark
    public GetRecordsResult protobufDecode() {
        return ProtobufRecordCodec.decodeGetRecordsResponse(
                DhubFrame.decode(
                        Compression.decompress(compression, protobufGetBody, protobufGetRaw)),
                type,
                schema,
                SHARD);
    }

    @Benchmark
    public byte[] batchEncode() {
        return DhubFrame.encode(
                BatchRecordCodec.encodePutBinaryRecordsRequest(
                        BatchSerializer.serialize(records, type, schema, compression, 0)));
    }

    @Benchmark
    public GetRecordsResult batchDecode() {
        return BatchRecordCodec.decodeGetBinaryRecordsResponse(
                DhubFrame.decode(batchGetBody), type, schema, SHARD);
    }

    /** Bytes of one put body as sent (after compression), for the size column of the report. */
    public int putBodySize(String format) {
        switch (format) {
            case "json":
                return jsonEncode().length;
            case "protobuf":
                return protobufEncode().length;
            default:
                return batchEncode().length;
        }
    }
}
