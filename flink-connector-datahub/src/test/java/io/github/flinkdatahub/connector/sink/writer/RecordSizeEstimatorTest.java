package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSizeEstimatorTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("s", "d", "n"),
                    List.of(FieldType.STRING, FieldType.DECIMAL, FieldType.BIGINT));

    @Test
    void jsonBlobsCountTheirBase64() {
        BlobRecord r = BlobRecord.of(new byte[3000]);
        assertThat(new RecordSizeEstimator(WireMode.JSON).estimate(r)).isGreaterThanOrEqualTo(4000);
        assertThat(new RecordSizeEstimator(WireMode.PROTOBUF).estimate(r)).isBetween(3000L, 3200L);
    }

    @Test
    void stringsCountUtf8AndJsonEscapes() {
        RecordSizeEstimator json = new RecordSizeEstimator(WireMode.JSON);
        RecordSizeEstimator proto = new RecordSizeEstimator(WireMode.PROTOBUF);
        assertThat(proto.text("中文")).isEqualTo("中文".getBytes(StandardCharsets.UTF_8).length);
        assertThat(proto.text("😀")).isEqualTo(4);
        assertThat(json.text("\"\n")).isEqualTo(2 + 6);
    }

    @Test
    void tupleEstimateIsAtLeastTheJsonTheClientSends() {
        TupleRecord r =
                TupleRecord.builder(SCHEMA)
                        .values(
                                "quote \" and \\ and \u0001 and 中文".repeat(50),
                                new BigDecimal("-12345678901234567890.123456789"),
                                Long.MIN_VALUE)
                        .attribute("k", "v")
                        .build();
        byte[] body = RecordJson.encodePutRequest(List.of(r));
        assertThat(new RecordSizeEstimator(WireMode.JSON).estimate(r))
                .isGreaterThanOrEqualTo(body.length);
        byte[] pb = ProtobufRecordCodec.encodePutRecordsRequest(List.of(r));
        assertThat(new RecordSizeEstimator(WireMode.PROTOBUF).estimate(r))
                .isGreaterThanOrEqualTo(pb.length);
    }
}
