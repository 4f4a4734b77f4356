package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;

import java.util.List;
import java.util.function.IntFunction;

/** Records as JSON; the action travels in the body. */
@Internal
public final class JsonRecordWire implements RecordWire {

    @Override
    public DataHubRequest putRecords(String shardsPath, List<? extends Record> records) {
        return DataHubRequest.records(
                shardsPath, DataHubRequest.JSON, null, RecordJson.encodePutRequest(records));
    }

    @Override
    public PutRecordsResult readPutRecords(byte[] body) {
        return RecordJson.readPutResponse(Json.parse(body));
    }

    @Override
    public DataHubRequest putRecordsByShard(
            String shardPath, List<? extends Record> records, int schemaVersion) {
        return putRecords(shardPath, records);
    }

    @Override
    public DataHubRequest getRecords(String shardPath, String cursor, int limit) {
        return DataHubRequest.records(
                shardPath,
                DataHubRequest.JSON,
                null,
                Json.toBytes(RecordJson.writeGetRequest(cursor, limit)));
    }

    @Override
    public GetRecordsResult readGetRecords(
            byte[] body,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardId) {
        return RecordJson.decodeGetResponse(body, type, schema, shardId);
    }
}
