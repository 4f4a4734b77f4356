package io.github.flinkdatahub.client.protocol.protobuf;

import com.google.protobuf.ByteString;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.Hex;
import io.github.flinkdatahub.client.protocol.TestRecords;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtobufRecordCodecTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT),
                    new Field("name", FieldType.STRING),
                    new Field("ok", FieldType.BOOLEAN));

    @Test
    void getRecordsRequestFrameMatchesTheCapturedJavaSdkRequest() {
        byte[] frame =
                DhubFrame.encode(
                        ProtobufRecordCodec.encodeGetRecordsRequest(
                                "30000000000000000000000000000000", 10));

        assertThat(frame).hasSize(48);
        assertThat(Hex.format(frame))
                .isEqualTo(
                        "44485542"
                                + "51e858f3"
                                + "00000024"
                                + "0a20"
                                + "3330303030303030303030303030303030303030303030303030303030303030"
                                + "100a");
        DataHubProtos.GetRecordsRequest decoded =
                ProtobufRecordCodec.decodeGetRecordsRequest(DhubFrame.decode(frame));
        assertThat(decoded.getCursor()).isEqualTo("30000000000000000000000000000000");
        assertThat(decoded.getLimit()).isEqualTo(10);
    }

    @Test
    void absentLimitReadsAsOne() {
        byte[] payload =
                DataHubProtos.GetRecordsRequest.newBuilder().setCursor("c").build().toByteArray();

        assertThat(ProtobufRecordCodec.decodeGetRecordsRequest(payload).getLimit()).isEqualTo(1);
    }

    @Test
    void putRecordsResponseFrameMatchesTheSpecExample() {
        PutRecordsResult result =
                new PutRecordsResult(1, List.of(new FailedRecord(0, "MalformedRecord", "bad")));

        byte[] frame = DhubFrame.encode(ProtobufRecordCodec.encodePutRecordsResponse(result));

        assertThat(Hex.format(frame))
                .isEqualTo(
                        "44485542a180b12b0000001c"
                                + "0801"
                                + "1218"
                                + "0800"
                                + "120f4d616c666f726d65645265636f7264"
                                + "1a03626164");
        PutRecordsResult decoded =
                ProtobufRecordCodec.decodePutRecordsResponse(DhubFrame.decode(frame));
        assertThat(decoded.getFailedRecordCount()).isEqualTo(1);
        assertThat(decoded.getFailedRecords())
                .containsExactly(new FailedRecord(0, "MalformedRecord", "bad"));
    }

    @Test
    void putRecordsResponseWithoutFailedCountCountsTheListedFailures() {
        byte[] payload =
                DataHubProtos.PutRecordsResponse.newBuilder()
                        .addFailedRecords(DataHubProtos.FailedRecord.newBuilder().setIndex(2))
                        .build()
                        .toByteArray();

        PutRecordsResult result = ProtobufRecordCodec.decodePutRecordsResponse(payload);

        assertThat(result.getFailedRecordCount()).isEqualTo(1);
        assertThat(result.getFailedRecords()).containsExactly(new FailedRecord(2, null, null));
    }

    @Test
    void tuplePutRequestRoundTripsEveryTypeWithRoutingAndAttributes() {
        List<TupleRecord> records = new ArrayList<>();
        List<TupleRecord> all = TestRecords.tuples();
        for (int i = 0; i < all.size(); i++) {
            TupleRecord.Builder b = all.get(i).toBuilder();
            if (i % 3 == 0) {
                b.shardId(String.valueOf(i));
            } else if (i % 3 == 1) {
                b.hashKey("0123456789abcdef0123456789ABCDEF");
            } else {
                b.partitionKey("pk-" + i + "-键");
            }
            records.add(b.build());
        }

        List<Record> decoded =
                ProtobufRecordCodec.decodePutRecordsRequest(
                        ProtobufRecordCodec.encodePutRecordsRequest(records),
                        RecordType.TUPLE,
                        TestRecords.ALL_TYPES);

        assertThat(decoded).isEqualTo(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(decoded.get(i).getShardId()).isEqualTo(records.get(i).getShardId());
            assertThat(decoded.get(i).getHashKey()).isEqualTo(records.get(i).getHashKey());
            assertThat(decoded.get(i).getPartitionKey())
                    .isEqualTo(records.get(i).getPartitionKey());
        }
        assertThat(decoded.get(1).getHashKey()).isEqualTo("0123456789ABCDEF0123456789ABCDEF");
    }

    @Test
    void tupleValuesTravelAsTextAndNullAsFieldDataWithoutValue() throws Exception {
        TupleRecord r = TupleRecord.builder(SCHEMA).values(100L, null, true).shardId("0").build();

        DataHubProtos.PutRecordsRequest request =
                DataHubProtos.PutRecordsRequest.parseFrom(
                        ProtobufRecordCodec.encodePutRecordsRequest(List.of(r)));

        DataHubProtos.RecordEntry e = request.getRecords(0);
        assertThat(e.getShardId()).isEqualTo("0");
        assertThat(e.hasHashKey()).isFalse();
        assertThat(e.hasPartitionKey()).isFalse();
        assertThat(e.hasAttributes()).isFalse();
        assertThat(e.getData().getData(0).getValue().toStringUtf8()).isEqualTo("100");
        assertThat(e.getData().getData(1).hasValue()).isFalse();
        assertThat(e.getData().getData(1).toByteArray()).isEmpty();
        assertThat(e.getData().getData(2).getValue().toStringUtf8()).isEqualTo("true");
        assertThat(Hex.format(e.getData().toByteArray())).contains("0a00");
    }

    @Test
    void blobPutRequestRoundTripsBytesAndAttributes() {
        List<BlobRecord> records = TestRecords.blobs();

        List<Record> decoded =
                ProtobufRecordCodec.decodePutRecordsRequest(
                        ProtobufRecordCodec.encodePutRecordsRequest(records),
                        RecordType.BLOB,
                        null);

        assertThat(decoded).isEqualTo(records);
    }

    @Test
    void putRequestWithWrongFieldCountIsMalformedAndNamesTheRecord() {
        byte[] payload =
                DataHubProtos.PutRecordsRequest.newBuilder()
                        .addRecords(entry("1", "a", "true"))
                        .addRecords(entry("2", "b"))
                        .build()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodePutRecordsRequest(
                                        payload, RecordType.TUPLE, SCHEMA))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Record 1")
                .hasMessageContaining("2 values for the 3 fields");
    }

    @Test
    void putRequestWithNullInNotNullFieldIsMalformed() {
        RecordSchema strict = RecordSchema.of(new Field("id", FieldType.BIGINT, false));
        byte[] payload =
                DataHubProtos.PutRecordsRequest.newBuilder()
                        .addRecords(
                                DataHubProtos.RecordEntry.newBuilder()
                                        .setData(
                                                DataHubProtos.RecordData.newBuilder()
                                                        .addData(
                                                                DataHubProtos.FieldData
                                                                        .getDefaultInstance())))
                        .build()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodePutRecordsRequest(
                                        payload, RecordType.TUPLE, strict))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Record 0")
                .hasMessageContaining("'id'");
    }

    @Test
    void getResponseRoundTripsRecordsWithTheirReadPosition() {
        List<Record> records = new ArrayList<>();
        List<TupleRecord> all = TestRecords.tuples();
        for (int i = 0; i < all.size(); i++) {
            records.add(
                    all.get(i).toBuilder()
                            .shardId("3")
                            .sequence(100 + i)
                            .systemTime(1700000000000L + i)
                            .cursor("cursor-" + i)
                            .nextCursor("cursor-" + (i + 1))
                            .serial(i == 0 ? -1 : 7 + i)
                            .buildUnchecked());
        }
        GetRecordsResult result =
                new GetRecordsResult("cursor-9", records.size(), 100, 120, 1700000000099L, records);

        GetRecordsResult decoded =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        ProtobufRecordCodec.encodeGetRecordsResponse(result),
                        RecordType.TUPLE,
                        TestRecords.ALL_TYPES,
                        "5");

        assertThat(decoded.getNextCursor()).isEqualTo("cursor-9");
        assertThat(decoded.getRecordCount()).isEqualTo(records.size());
        assertThat(decoded.getStartSequence()).isEqualTo(100);
        assertThat(decoded.getLatestSequence()).isEqualTo(120);
        assertThat(decoded.getLatestTime()).isEqualTo(1700000000099L);
        assertThat(decoded.getRecords()).isEqualTo(records);
        for (int i = 0; i < records.size(); i++) {
            Record r = decoded.getRecords().get(i);
            assertThat(r.getShardId())
                    .as("shard id from the entry wins over the URL")
                    .isEqualTo("3");
            assertThat(r.getSequence()).isEqualTo(100 + i);
            assertThat(r.getSystemTime()).isEqualTo(1700000000000L + i);
            assertThat(r.getCursor()).isEqualTo("cursor-" + i);
            assertThat(r.getNextCursor()).isEqualTo("cursor-" + (i + 1));
            assertThat(r.getSerial()).isEqualTo(i == 0 ? -1 : 7 + i);
            assertThat(r.getBatchIndex()).isZero();
            assertThat(r.getBatchSize()).isEqualTo(1);
        }
    }

    @Test
    void blobGetResponseRoundTrips() {
        List<Record> records = new ArrayList<>();
        for (BlobRecord r : TestRecords.blobs()) {
            records.add(
                    r.toBuilder()
                            .sequence(records.size())
                            .systemTime(5)
                            .cursor("c")
                            .nextCursor("n")
                            .build());
        }
        GetRecordsResult result = new GetRecordsResult("n", records.size(), 0, -1, -1, records);

        GetRecordsResult decoded =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        ProtobufRecordCodec.encodeGetRecordsResponse(result),
                        RecordType.BLOB,
                        null,
                        "0");

        assertThat(decoded.getRecords()).isEqualTo(records);
        assertThat(decoded.getRecords()).allSatisfy(r -> assertThat(r.getShardId()).isEqualTo("0"));
    }

    @Test
    void tupleReadToleratesMissingValuesFewerAndExtraFields() {
        byte[] payload =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(3)
                        .addRecords(entry("1", null, "true"))
                        .addRecords(entry("2"))
                        .addRecords(entry("3", "x", "false", "extra", "more"))
                        .build()
                        .toByteArray();

        GetRecordsResult result =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        payload, RecordType.TUPLE, SCHEMA, "4");

        assertThat(result.getRecords())
                .extracting(r -> ((TupleRecord) r).getValues())
                .containsExactly(
                        java.util.Arrays.asList(1L, null, true),
                        java.util.Arrays.asList(2L, null, null),
                        java.util.Arrays.asList(3L, "x", false));
        assertThat(result.getRecords())
                .as("values the records carried, at most the schema's")
                .extracting(r -> ((TupleRecord) r).getWrittenFieldCount())
                .containsExactly(3, 1, 3);
        Record first = result.getRecords().get(0);
        assertThat(first.getShardId()).as("shard id from the URL").isEqualTo("4");
        assertThat(first.getSequence()).isEqualTo(-1);
        assertThat(first.getSystemTime()).isEqualTo(-1);
        assertThat(first.getSerial()).isEqualTo(-1);
        assertThat(first.getCursor()).isNull();
    }

    @Test
    void readNullInNotNullFieldIsKept() {
        RecordSchema strict =
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false), new Field("s", FieldType.STRING));
        byte[] payload =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(entry(null, "s"))
                        .build()
                        .toByteArray();

        GetRecordsResult result =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        payload, RecordType.TUPLE, strict, "0");

        assertThat(((TupleRecord) result.getRecords().get(0)).getValues())
                .containsExactly(null, "s");
    }

    @Test
    void badValueTextIsMalformedAndNamesTheField() {
        byte[] payload =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(entry("not a number", "a", "true"))
                        .build()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        payload, RecordType.TUPLE, SCHEMA, "0"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("'id'");
    }

    @Test
    void blobWithOtherThanOneDataItemIsMalformed() {
        byte[] two =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(entry("a", "b"))
                        .build()
                        .toByteArray();
        byte[] none =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(entry())
                        .build()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        two, RecordType.BLOB, null, "0"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        none, RecordType.BLOB, null, "0"))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodePutRecordsRequest(
                                        DataHubProtos.PutRecordsRequest.newBuilder()
                                                .addRecords(entry("a", "b"))
                                                .build()
                                                .toByteArray(),
                                        RecordType.BLOB,
                                        null))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void messageMissingRequiredFieldsIsCorrupted() {
        byte[] noRecordCount =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .buildPartial()
                        .toByteArray();
        byte[] entryWithoutData =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(
                                DataHubProtos.RecordEntry.newBuilder()
                                        .setSequence(1)
                                        .buildPartial())
                        .buildPartial()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        noRecordCount, RecordType.TUPLE, SCHEMA, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("GetRecordsResponse")
                .hasMessageContaining("record_count");
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        entryWithoutData, RecordType.TUPLE, SCHEMA, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("data");
        assertThatThrownBy(() -> ProtobufRecordCodec.decodeGetRecordsRequest(new byte[0]))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodePutRecordsResponse(
                                        new byte[] {(byte) 0xFF}))
                .isInstanceOf(CorruptedResponseException.class);
    }

    @Test
    void attributesAreKeptInOrder() {
        TupleRecord r =
                TupleRecord.builder(SCHEMA)
                        .values(1L, "a", true)
                        .attribute("z", "1")
                        .attribute("a", "2")
                        .attribute("中", "文")
                        .build();

        Record decoded =
                ProtobufRecordCodec.decodePutRecordsRequest(
                                ProtobufRecordCodec.encodePutRecordsRequest(List.of(r)),
                                RecordType.TUPLE,
                                SCHEMA)
                        .get(0);

        assertThat(decoded.getAttributes())
                .containsExactly(Map.entry("z", "1"), Map.entry("a", "2"), Map.entry("中", "文"));
    }

    /**
     * A record entry whose field values are the given texts, null meaning a FieldData without
     * value.
     */
    private static DataHubProtos.RecordEntry entry(String... values) {
        DataHubProtos.RecordData.Builder data = DataHubProtos.RecordData.newBuilder();
        for (String v : values) {
            DataHubProtos.FieldData.Builder fd = DataHubProtos.FieldData.newBuilder();
            if (v != null) {
                fd.setValue(ByteString.copyFromUtf8(v));
            }
            data.addData(fd);
        }
        return DataHubProtos.RecordEntry.newBuilder().setData(data).build();
    }
}
