package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.wire.RecordWire;
import io.github.flinkdatahub.client.wire.RecordWires;
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
import java.util.function.IntFunction;

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
    private static final String SHARDS_PATH = "/projects/bench/topics/codecs/shards";
    private static final String SHARD_PATH = SHARDS_PATH + "/" + SHARD;
    private static final IntFunction<RecordSchema> NO_VERSIONS = version -> null;

    @Param({"TUPLE_SMALL", "TUPLE_1KB", "BLOB_1KB"})
    public RecordShapes shape;

    @Param({"NONE", "LZ4"})
    public CompressFormat compression;

    private List<Record> records;

    /** The client's own encoders and decoders of each wire mode, as its calls use them. */
    private RecordWire json;

    private RecordWire protobuf;
    private RecordWire batch;
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
        json = RecordWires.forMode(WireMode.JSON, compression);
        protobuf = RecordWires.forMode(WireMode.PROTOBUF, compression);
        batch = RecordWires.forMode(WireMode.BATCH, compression);
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
        return Compression.compress(compression, json.putRecords(SHARDS_PATH, records).body());
    }

    @Benchmark
    public GetRecordsResult jsonDecode() {
        return json.readGetRecords(
                Compression.decompress(compression, jsonGetBody, jsonGetRaw),
                type,
                schema,
                NO_VERSIONS,
                SHARD);
    }

    @Benchmark
    public byte[] protobufEncode() {
        return Compression.compress(compression, protobuf.putRecords(SHARDS_PATH, records).body());
    }

    @Benchmark
    public GetRecordsResult protobufDecode() {
        return protobuf.readGetRecords(
                Compression.decompress(compression, protobufGetBody, protobufGetRaw),
                type,
                schema,
                NO_VERSIONS,
                SHARD);
    }

    @Benchmark
    public byte[] batchEncode() {
        return batch.putRecordsByShard(SHARD_PATH, records, 0).body();
    }

    @Benchmark
    public GetRecordsResult batchDecode() {
        return batch.readGetRecords(batchGetBody, type, schema, NO_VERSIONS, SHARD);
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
