package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.model.BlobRecordData;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.GetRecordsResult;
import com.aliyun.datahub.client.model.PutRecordsResult;
import com.aliyun.datahub.client.model.RecordData;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.TupleRecordData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Building records for puts and reading shards back, for tuple and blob topics. */
final class Records {
    private Records() {}

    static RecordEntry entry(RecordData data) {
        RecordEntry entry = new RecordEntry();
        entry.setRecordData(data);
        return entry;
    }

    static RecordEntry entry(RecordData data, Map<String, String> attributes) {
        RecordEntry entry = entry(data);
        attributes.forEach(entry::addAttribute);
        return entry;
    }

    static RecordEntry blob(byte[] bytes) {
        return entry(new BlobRecordData(bytes));
    }

    /**
     * Writes records to one shard the way each client can: the JSON client has no {@code
     * putRecordsByShard} (the SDK refuses it), so it routes every record by shard id instead.
     */
    static void put(
            DatahubClient client,
            ClientMode mode,
            String project,
            String topic,
            String shard,
            List<RecordEntry> records) {
        if (mode.wire == ClientMode.Wire.JSON) {
            records.forEach(r -> r.setShardId(shard));
            PutRecordsResult result = client.putRecords(project, topic, records);
            assertThat(result.getPutErrorEntries()).as("failed records").isNullOrEmpty();
            assertThat(result.getFailedRecordCount()).isZero();
        } else {
            client.putRecordsByShard(project, topic, shard, records);
        }
    }

    /**
     * Reads a shard from OLDEST until a page comes back empty (tuple topics when schema is given,
     * blob otherwise).
     */
    static List<RecordEntry> readAll(
            DatahubClient client, String project, String topic, String shard, RecordSchema schema) {
        String cursor = client.getCursor(project, topic, shard, CursorType.OLDEST).getCursor();
        List<RecordEntry> all = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            GetRecordsResult result = get(client, project, topic, shard, schema, cursor, 1000);
            if (result.getRecordCount() == 0) {
                return all;
            }
            all.addAll(result.getRecords());
            cursor = result.getNextCursor();
        }
        throw new AssertionError(
                "Shard " + shard + " of " + topic + " never reached an empty page");
    }

    static GetRecordsResult get(
            DatahubClient client,
            String project,
            String topic,
            String shard,
            RecordSchema schema,
            String cursor,
            int limit) {
        return schema == null
                ? client.getRecords(project, topic, shard, cursor, limit)
                : client.getRecords(project, topic, shard, schema, cursor, limit);
    }

    /** Field by field: what was put is what is read, with the SDK's value classes. */
    static void assertSameTuple(RecordData actual, TupleRecordData expected) {
        assertThat(actual).isInstanceOf(TupleRecordData.class);
        TupleRecordData tuple = (TupleRecordData) actual;
        RecordSchema schema = expected.getRecordSchema();
        for (int i = 0; i < schema.getFields().size(); i++) {
            String name = schema.getField(i).getName();
            Object want = expected.getField(i);
            Object got = tuple.getField(i);
            if (want instanceof BigDecimal) {
                assertThat(got).as(name).isInstanceOf(BigDecimal.class);
                assertThat((BigDecimal) got).as(name).isEqualByComparingTo((BigDecimal) want);
            } else {
                assertThat(got).as(name).isEqualTo(want);
                if (want != null) {
                    assertThat(got).as(name + " value class").isInstanceOf(want.getClass());
                }
            }
        }
    }

    static byte[] blobBytes(RecordEntry entry) {
        assertThat(entry.getRecordData()).isInstanceOf(BlobRecordData.class);
        return ((BlobRecordData) entry.getRecordData()).getData();
    }
}
