package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.json.ShardJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.records.CursorCodec;
import io.github.flinkdatahub.emulator.records.GetResponses;
import io.github.flinkdatahub.emulator.records.LogBounds;
import io.github.flinkdatahub.emulator.records.LogEntry;
import io.github.flinkdatahub.emulator.records.PutRequests;
import io.github.flinkdatahub.emulator.records.ShardLog;
import io.github.flinkdatahub.emulator.records.ShardLogs;
import io.github.flinkdatahub.emulator.records.ShardRouter;
import io.github.flinkdatahub.emulator.records.Shards;
import io.github.flinkdatahub.emulator.records.TopicFormat;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records: routed puts, puts by shard, cursors and gets, in JSON, protobuf and batch modes.
 *
 * <p>Bodies are decoded and encoded outside the emulator lock; sequences are assigned, and reads
 * taken, under it, so sequences stay dense and consistent with split and merge.
 */
public final class RecordApi {
    /**
     * A get returns at most this many records (entries in batch mode); larger limits are clamped.
     */
    static final int MAX_LIMIT = 1000;

    /**
     * A get stops adding entries once their payload reaches this size (at least one entry is
     * returned).
     */
    static final long MAX_READ_BYTES = 4L * 1024 * 1024;

    private static final String THROTTLED = "The query rate or throughput rate is exceeded.";

    private final EmulatorContext ctx;
    private final ShardLogs logs;
    private final ShardRouter router = new ShardRouter();

    public RecordApi(EmulatorContext ctx) {
        this.ctx = ctx;
        this.logs = new ShardLogs(ctx);
    }

    /**
     * {@code pub} on {@code .../shards}: records routed by shard id, hash key or partition key.
     * Records that fail (malformed, closed or unknown shard, injected failure) are reported in
     * {@code FailedRecords}; the others are written.
     */
    public ApiResponse putRecords(String project, String topic, ApiRequest request) {
        WireMode mode = mode(request);
        List<PutRequests.Item> items =
                PutRequests.decodeRouted(
                        mode, request.body(), TopicFormat.of(ctx.topic(project, topic)));
        List<LogEntry> entries = PutRequests.entries(decodedRecords(items));
        List<FailedRecord> failed = new ArrayList<>();
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            long now = ctx.nowMillis();
            List<ShardDoc> notClosed = Shards.notClosed(t);
            Map<ShardDoc, List<LogEntry>> byShard = new LinkedHashMap<>();
            int next = 0;
            for (PutRequests.Item item : items) {
                if (item.error() != null) {
                    failed.add(failure(item.index(), item.error()));
                    continue;
                }
                LogEntry entry = entries.get(next++);
                try {
                    ShardDoc s = router.route(t, notClosed, item.record(), now);
                    if (ctx.faults().failRecord(project, topic)) {
                        throw ErrorCode.LIMIT_EXCEEDED.exception(THROTTLED);
                    }
                    byShard.computeIfAbsent(s, k -> new ArrayList<>()).add(entry);
                } catch (DataHubException e) {
                    failed.add(failure(item.index(), e));
                }
            }
            byShard.forEach((s, list) -> logs.log(t, s).append(list, now));
        }
        failed.sort(Comparator.comparingInt(FailedRecord::getIndex));
        PutRecordsResult result = new PutRecordsResult(failed.size(), failed);
        return mode == WireMode.JSON
                ? ApiResponse.json(RecordJson.writePutResponse(result))
                : ApiResponse.protobuf(
                        DhubFrame.encode(ProtobufRecordCodec.encodePutRecordsResponse(result)));
    }

    /**
     * {@code pub} on {@code .../shards/{id}}: all records or none. The protobuf and batch answers
     * are empty, as the SDKs expect; the JSON answer says that nothing failed.
     */
    public ApiResponse putRecordsByShard(
            String project, String topic, String shardId, ApiRequest request) {
        WireMode mode = mode(request);
        TopicDoc snapshot = ctx.topic(project, topic);
        // Errors about the shard come before errors about the records.
        Shards.requireWritable(Shards.requireForPut(snapshot, shardId), ctx.nowMillis());
        List<LogEntry> entries =
                PutRequests.decodeByShard(mode, request.body(), TopicFormat.of(snapshot));
        if (ctx.faults().failRecord(project, topic)) {
            throw ErrorCode.LIMIT_EXCEEDED.exception(THROTTLED);
        }
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            long now = ctx.nowMillis();
            ShardDoc s = Shards.requireForPut(t, shardId);
            Shards.requireWritable(s, now);
            logs.log(t, s).append(entries, now);
        }
        return mode == WireMode.JSON
                ? ApiResponse.json(RecordJson.writePutResponse(new PutRecordsResult(0, List.of())))
                : ApiResponse.empty();
    }

    /** {@code cursor}: OLDEST, LATEST, SEQUENCE or SYSTEM_TIME. */
    public ApiResponse getCursor(String project, String topic, String shardId, ApiRequest request) {
        JsonNode body = request.json();
        String typeText = Json.text(body, "Type");
        CursorType type;
        try {
            type = CursorType.valueOf(String.valueOf(typeText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_PARAMETER.exception("Invalid cursor type: " + typeText);
        }
        long param = -1;
        if (type == CursorType.SEQUENCE) {
            param = nonNegative(body, "Sequence", "Invalid sequence value: ");
        } else if (type == CursorType.SYSTEM_TIME) {
            param = nonNegative(body, "SystemTime", "Invalid time value: ");
        }
        GetCursorResult result;
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            ShardDoc s = Shards.require(t, shardId);
            Shards.requireReady(s, ctx.nowMillis());
            result = cursor(logs.log(t, s), type, param);
        }
        return ApiResponse.json(ShardJson.writeCursorResult(result));
    }

    /**
     * A cursor in the log. An empty shard (never written, or everything expired) has OLDEST and
     * LATEST at the next sequence to be written, with RecordTime 0. A SYSTEM_TIME before the oldest
     * retained record gives the oldest; after the newest one it is SeekOutOfRange, as is a SEQUENCE
     * outside the retained {@code [first, next)}.
     */
    private static GetCursorResult cursor(ShardLog log, CursorType type, long param) {
        LogBounds b = log.bounds();
        if (b.isEmpty()) {
            if (type == CursorType.OLDEST || type == CursorType.LATEST) {
                return new GetCursorResult(
                        CursorCodec.encode(b.next(), b.latestTime()), 0, b.next());
            }
            throw outOfRange(type, param, b);
        }
        long sequence;
        switch (type) {
            case OLDEST:
                sequence = b.first();
                break;
            case LATEST:
                sequence = b.latestSequence();
                break;
            case SEQUENCE:
                if (param < b.first() || param >= b.next()) {
                    throw outOfRange(type, param, b);
                }
                sequence = param;
                break;
            case SYSTEM_TIME:
                if (param > b.latestTime()) {
                    throw outOfRange(type, param, b);
                }
                sequence = log.firstAtOrAfter(param);
                break;
            default:
                throw new IllegalStateException("Unknown cursor type " + type);
        }
        LogEntry e = log.entry(sequence);
        return new GetCursorResult(
                CursorCodec.encode(sequence, e.systemTime()), e.systemTime(), sequence);
    }

    private static DataHubException outOfRange(CursorType type, long param, LogBounds b) {
        if (type == CursorType.SYSTEM_TIME) {
            return ErrorCode.SEEK_OUT_OF_RANGE.exception(
                    "The specified time "
                            + param
                            + " is out of range: the shard's newest record is from "
                            + b.latestTime()
                            + ".");
        }
        return ErrorCode.SEEK_OUT_OF_RANGE.exception(
                "The specified sequence "
                        + param
                        + " is out of range ["
                        + b.first()
                        + ", "
                        + b.next()
                        + ").");
    }

    /**
     * {@code sub} on {@code .../shards/{id}}: up to {@code Limit} records (batch mode: blobs) from
     * the cursor. Nothing new answers zero records and the request's own cursor; the end of a
     * closed shard answers InvalidShardOperation, the service's end-of-shard signal.
     */
    public ApiResponse getRecords(
            String project, String topic, String shardId, ApiRequest request) {
        WireMode mode = mode(request);
        String cursor;
        int limit;
        if (mode == WireMode.JSON) {
            JsonNode body = request.json();
            cursor = Json.text(body, "Cursor");
            limit = Params.read(() -> Json.intValue(body, "Limit", 1));
        } else {
            DataHubProtos.GetRecordsRequest get =
                    Params.read(
                            () ->
                                    ProtobufRecordCodec.decodeGetRecordsRequest(
                                            DhubFrame.decode(request.body())));
            cursor = get.getCursor();
            limit = get.getLimit();
        }
        if (cursor == null || cursor.isEmpty()) {
            throw ErrorCode.INVALID_PARAMETER.exception("The parameter Cursor is required.");
        }
        limit = Math.max(1, Math.min(MAX_LIMIT, limit));
        GetResponses.Read read;
        TopicFormat format;
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            ShardDoc s = Shards.require(t, shardId);
            long now = ctx.nowMillis();
            Shards.requireReady(s, now);
            ShardLog log = logs.log(t, s);
            LogBounds b = log.bounds();
            long from = CursorCodec.decodeSequence(cursor);
            if (from < b.first() || from > b.next()) {
                throw ErrorCode.INVALID_CURSOR.exception("The cursor is invalid.");
            }
            List<LogEntry> entries =
                    mode == WireMode.BATCH
                            ? log.read(from, limit, Integer.MAX_VALUE, MAX_READ_BYTES)
                            : log.read(from, Integer.MAX_VALUE, limit, MAX_READ_BYTES);
            if (entries.isEmpty() && Shards.state(s, now) == ShardState.CLOSED) {
                throw ErrorCode.INVALID_SHARD_OPERATION.exception(
                        "The specified shard "
                                + shardId
                                + " is closed and has been read to its end.");
            }
            LogEntry following =
                    entries.isEmpty()
                            ? null
                            : log.entry(entries.get(entries.size() - 1).sequence() + 1);
            read =
                    new GetResponses.Read(
                            entries,
                            cursor,
                            from,
                            following == null ? -1 : following.systemTime(),
                            b,
                            shardId);
            format = TopicFormat.of(t);
        }
        switch (mode) {
            case JSON:
                return ApiResponse.json(GetResponses.json(read, format));
            case BATCH:
                return ApiResponse.binary(GetResponses.batch(read, format));
            default:
                return ApiResponse.protobuf(GetResponses.protobuf(read, format));
        }
    }

    private static WireMode mode(ApiRequest request) {
        if (request.isBatch()) {
            return WireMode.BATCH;
        }
        return request.isBinary() ? WireMode.PROTOBUF : WireMode.JSON;
    }

    private static List<Record> decodedRecords(List<PutRequests.Item> items) {
        List<Record> records = new ArrayList<>(items.size());
        for (PutRequests.Item item : items) {
            if (item.record() != null) {
                records.add(item.record());
            }
        }
        return records;
    }

    private static FailedRecord failure(int index, DataHubException e) {
        return new FailedRecord(index, e.getErrorCode(), e.getErrorMessage());
    }

    private static long nonNegative(JsonNode body, String field, String message) {
        JsonNode v = body.get(field);
        String text = v == null || v.isNull() ? null : v.asText().trim();
        try {
            long value =
                    v != null && v.isIntegralNumber()
                            ? v.asLong()
                            : Long.parseLong(String.valueOf(text));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ErrorCode.INVALID_PARAMETER.exception(message + text);
    }
}
