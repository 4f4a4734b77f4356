package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.DataHubConnectorConfig;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.records.TopicFormat;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of a SINK_DATAHUB connector on one shard: find the read position, read a batch, keep the
 * connector's columns (by name, into the target's schema), write the batch to one shard of the
 * target topic, and record the progress. A run that finds nothing new marks a closed shard
 * finished; a failure marks the shard hanging with the reason, to be retried after a delay (or at
 * once after a reload). Progress is only recorded if the task's generation is unchanged, so a
 * reload or reposition made meanwhile wins (the batch in flight may then be delivered twice:
 * at-least-once, like the service).
 */
final class SinkDataHubTask {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDataHubTask.class);
    static final int BATCH = 500;
    private static final String SHARD_NOT_READY = ErrorCode.SHARD_NOT_READY.code();

    private final ConnectorRunner runner;
    private final EmulatorContext ctx;
    private final Connectors connectors;
    private final ConnectorRunner.ShardTaskKey key;

    // The snapshot this run works from.
    private ConnectorDoc doc;
    private ShardTaskDoc task;
    private TopicDoc topic;
    private boolean closedBefore;

    SinkDataHubTask(
            ConnectorRunner runner,
            EmulatorContext ctx,
            Connectors connectors,
            ConnectorRunner.ShardTaskKey key) {
        this.runner = runner;
        this.ctx = ctx;
        this.connectors = connectors;
        this.key = key;
    }

    void run() {
        if (!snapshot()) {
            return;
        }
        String phase = "reading " + key.project + "." + key.topic + " shard " + key.shardId;
        try {
            DataHubConnectorConfig config = (DataHubConnectorConfig) Connectors.config(doc);
            DataHubClient source = runner.source();
            long discarded = 0;
            String cursor;
            ConnectorRunner.ReadPosition cached = runner.positions.get(key.toString());
            if (cached != null
                    && cached.generation == task.generation
                    && cached.nextSequence == task.nextSequence) {
                cursor = cached.cursor;
            } else {
                Position p = position(source);
                if (p == null) {
                    idle();
                    return;
                }
                cursor = p.cursor;
                discarded = p.discarded;
            }
            boolean tuple = "TUPLE".equals(topic.recordType);
            GetRecordsResult read;
            try {
                read =
                        tuple
                                ? source.getTupleRecords(
                                        key.project,
                                        key.topic,
                                        key.shardId,
                                        RecordSchema.fromJsonString(topic.recordSchema),
                                        cursor,
                                        BATCH)
                                : source.getBlobRecords(
                                        key.project, key.topic, key.shardId, cursor, BATCH);
            } catch (ShardSealedException endOfClosedShard) {
                closedBefore = true;
                idle();
                return;
            } catch (InvalidCursorException expired) {
                // The data under the cursor expired: find the position again on the next run.
                runner.positions.remove(key.toString());
                return;
            }
            List<Record> records = read.getRecords();
            if (records.isEmpty()) {
                runner.positions.put(
                        key.toString(),
                        new ConnectorRunner.ReadPosition(
                                task.generation, task.nextSequence, read.getNextCursor()));
                idle();
                return;
            }
            phase =
                    "writing to "
                            + config.getProject()
                            + "."
                            + config.getTopic()
                            + " at "
                            + config.getEndpoint();
            DataHubClient target = runner.target(config);
            GetTopicResult targetTopic = target.getTopic(config.getProject(), config.getTopic());
            List<Record> out = convert(records, targetTopic, config);
            String targetShard = targetShard(target, config);
            if (!stillWanted()) {
                return;
            }
            target.putRecordsByShard(config.getProject(), config.getTopic(), targetShard, out);
            progress(records, discarded, read.getNextCursor());
        } catch (RuntimeException e) {
            if (e instanceof DataHubException
                    && SHARD_NOT_READY.equals(((DataHubException) e).getErrorCode())) {
                // A shard still opening is not a failure: try again shortly.
                runner.delay(key, task.generation, runner.idleDelay);
                return;
            }
            hang("Failed " + phase + ": " + e.getMessage());
        }
    }

    /** Loads the connector, its shard task and the topic; false when there is nothing to do. */
    private boolean snapshot() {
        synchronized (ctx.lock()) {
            doc = connectors.docs().get(key.docKey());
            if (runner.isClosed()
                    || doc == null
                    || !ConnectorState.CONNECTOR_RUNNING.name().equals(doc.state)) {
                return false;
            }
            topic = ctx.store().topics().get(EmulatorStore.key(key.project, key.topic));
            ShardDoc shard = topic == null ? null : topic.shard(key.shardId);
            if (shard == null) {
                return false;
            }
            task = doc.task(key.shardId);
            if (ConnectorShardState.CONTEXT_FINISHED.name().equals(task.state)) {
                return false;
            }
            // Taken before reading: a shard closed then and found without more data is read to its
            // end.
            closedBefore = "CLOSED".equals(shard.state);
            return true;
        }
    }

    /** A cursor at the task's position; null when there is nothing to read there yet. */
    private Position position(DataHubClient source) {
        if (task.nextSequence >= 0) {
            try {
                return new Position(
                        cursor(source, CursorType.SEQUENCE, task.nextSequence).getCursor(), 0);
            } catch (SeekOutOfRangeException | InvalidCursorException e) {
                // Either caught up (nothing at that sequence yet) or the data there expired.
                GetCursorResult oldest = cursorOrNull(source, CursorType.OLDEST, -1);
                if (oldest != null && oldest.getSequence() > task.nextSequence) {
                    return new Position(
                            oldest.getCursor(), oldest.getSequence() - task.nextSequence);
                }
                return null;
            }
        }
        GetCursorResult c =
                task.startTime >= 0
                        ? cursorOrNull(source, CursorType.SYSTEM_TIME, task.startTime)
                        : cursorOrNull(source, CursorType.OLDEST, -1);
        return c == null ? null : new Position(c.getCursor(), 0);
    }

    private GetCursorResult cursor(DataHubClient source, CursorType type, long param) {
        return source.getCursor(key.project, key.topic, key.shardId, type, param);
    }

    /**
     * Null when the shard has no data there (empty, expired, or the time is past the newest
     * record).
     */
    private GetCursorResult cursorOrNull(DataHubClient source, CursorType type, long param) {
        try {
            return cursor(source, type, param);
        } catch (SeekOutOfRangeException | InvalidCursorException | ShardSealedException e) {
            return null;
        }
    }

    /** The connector's columns, by name, into the target schema; other target fields stay null. */
    private List<Record> convert(
            List<Record> records, GetTopicResult target, DataHubConnectorConfig config) {
        String where = config.getProject() + "." + config.getTopic();
        List<Record> out = new ArrayList<>(records.size());
        if (target.getRecordType() == RecordType.BLOB || !"TUPLE".equals(topic.recordType)) {
            if (target.getRecordType() != TopicFormat.recordType(topic.recordType)) {
                throw new IllegalStateException(
                        "The source topic is "
                                + topic.recordType
                                + " but target "
                                + where
                                + " is "
                                + target.getRecordType()
                                + "; a DataHub sink needs the same record type on both");
            }
            for (Record r : records) {
                out.add(
                        BlobRecord.builder(((BlobRecord) r).getData())
                                .attributes(r.getAttributes())
                                .build());
            }
            return out;
        }
        RecordSchema source = RecordSchema.fromJsonString(topic.recordSchema);
        RecordSchema schema = target.getRecordSchema();
        Map<String, String> nameMap = new HashMap<>();
        doc.columnNameMap.forEach((k, v) -> nameMap.put(k.toLowerCase(Locale.ROOT), v));
        // target field position -> source field name
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (String c : doc.columnFields) {
            String targetName = nameMap.getOrDefault(c.toLowerCase(Locale.ROOT), c);
            int i = schema.indexOf(targetName);
            if (i < 0) {
                throw new IllegalStateException(
                        "Column "
                                + c
                                + " has no field "
                                + targetName
                                + " in target topic "
                                + where
                                + "; add it there or remove it from the connector");
            }
            columns.put(i, c);
        }
        for (Record r : records) {
            TupleRecord src = (TupleRecord) r;
            TupleRecord.Builder b = TupleRecord.builder(schema).attributes(src.getAttributes());
            columns.forEach(
                    (i, c) -> {
                        Field to = schema.getField(i);
                        b.set(i, convertValue(src.getValue(c), source.getField(c).getType(), to));
                    });
            out.add(b.build());
        }
        return out;
    }

    private static Object convertValue(Object value, FieldType from, Field to) {
        if (value == null || from == to.getType()) {
            return value;
        }
        return to.getType().fromText(from.toText(value), to.getName());
    }

    /**
     * The source shard's id when the target has it ACTIVE, otherwise an ACTIVE target shard picked
     * by that id.
     */
    private String targetShard(DataHubClient target, DataHubConnectorConfig config) {
        List<String> active = new ArrayList<>();
        for (Shard s : target.listShard(config.getProject(), config.getTopic()).getShards()) {
            if (s.getState() == ShardState.ACTIVE) {
                active.add(s.getShardId());
            }
        }
        if (active.isEmpty()) {
            throw new IllegalStateException(
                    "Target topic "
                            + config.getProject()
                            + "."
                            + config.getTopic()
                            + " has no ACTIVE shard");
        }
        if (active.contains(key.shardId)) {
            return key.shardId;
        }
        active.sort(
                Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        return active.get(Math.floorMod(key.shardId.hashCode(), active.size()));
    }

    /**
     * Whether delivery may go ahead: still running, and not repositioned or reloaded since the
     * snapshot.
     */
    private boolean stillWanted() {
        synchronized (ctx.lock()) {
            ConnectorDoc now = connectors.docs().get(key.docKey());
            return !runner.isClosed()
                    && now != null
                    && ConnectorState.CONNECTOR_RUNNING.name().equals(now.state)
                    && now.task(key.shardId).generation == task.generation;
        }
    }

    private void progress(List<Record> delivered, long discarded, String nextCursor) {
        Record first = delivered.get(0);
        Record last = delivered.get(delivered.size() - 1);
        synchronized (ctx.lock()) {
            ConnectorDoc now = current();
            if (now == null) {
                return;
            }
            ShardTaskDoc t = now.task(key.shardId);
            if (t.startSequence < 0) {
                t.startSequence = first.getSequence();
            }
            t.nextSequence = last.getSequence() + 1;
            t.startTime = -1;
            t.currentTimestamp = last.getSystemTime();
            t.state = ConnectorShardState.CONTEXT_EXECUTING.name();
            t.lastErrorMessage = null;
            t.discardCount += discarded;
            t.doneTime = last.getSystemTime() / 1000;
            t.updateTime = ctx.nowSeconds();
            save(now, t);
            runner.positions.put(
                    key.toString(),
                    new ConnectorRunner.ReadPosition(t.generation, t.nextSequence, nextCursor));
        }
        runner.clearDelay(key);
    }

    /** Nothing new: a shard closed before the read is finished; otherwise the task is caught up. */
    private void idle() {
        synchronized (ctx.lock()) {
            ConnectorDoc now = current();
            if (now == null) {
                return;
            }
            ShardTaskDoc t = now.task(key.shardId);
            long nowSeconds = ctx.nowSeconds();
            boolean changed = false;
            if (closedBefore) {
                t.state = ConnectorShardState.CONTEXT_FINISHED.name();
                t.endSequence = t.currentSequence();
                t.lastErrorMessage = null;
                t.doneTime = nowSeconds;
                t.updateTime = nowSeconds;
                changed = true;
                LOG.info(
                        "Connector {} finished closed shard {} of {}.{} at sequence {}",
                        key.connectorId,
                        key.shardId,
                        key.project,
                        key.topic,
                        t.endSequence);
            } else {
                if (!ConnectorShardState.CONTEXT_EXECUTING.name().equals(t.state)) {
                    t.state = ConnectorShardState.CONTEXT_EXECUTING.name();
                    t.lastErrorMessage = null;
                    t.updateTime = nowSeconds;
                    changed = true;
                }
                // Caught up: everything received so far is delivered.
                if (t.doneTime < nowSeconds) {
                    t.doneTime = nowSeconds;
                    changed = true;
                }
            }
            if (changed) {
                save(now, t);
            }
        }
        runner.delay(key, task.generation, runner.idleDelay);
    }

    private void hang(String message) {
        synchronized (ctx.lock()) {
            ConnectorDoc now = current();
            if (now == null) {
                return;
            }
            ShardTaskDoc t = now.task(key.shardId);
            if (!message.equals(t.lastErrorMessage)) {
                LOG.warn(
                        "Connector {} hangs on shard {} of {}.{}: {}",
                        key.connectorId,
                        key.shardId,
                        key.project,
                        key.topic,
                        message);
            }
            t.state = ConnectorShardState.CONTEXT_HANG.name();
            t.lastErrorMessage = message;
            t.updateTime = ctx.nowSeconds();
            save(now, t);
        }
        runner.positions.remove(key.toString());
        runner.delay(key, task.generation, runner.retryDelay);
    }

    /**
     * The stored connector if this run's work still counts (same generation, emulator open); else
     * null.
     */
    private ConnectorDoc current() {
        if (runner.isClosed()) {
            return null;
        }
        ConnectorDoc now = connectors.docs().get(key.docKey());
        if (now == null || now.task(key.shardId).generation != task.generation) {
            return null;
        }
        return now;
    }

    /**
     * Stores the document and the subscription offset, durably: the runner answers to no request
     * that would commit.
     */
    private void save(ConnectorDoc now, ShardTaskDoc t) {
        connectors.save(now);
        connectors.mirrorOffset(now, key.shardId, t);
        ctx.store().commit();
    }

    /** Where to read and how many expired records were skipped to get there. */
    private static final class Position {
        final String cursor;
        final long discarded;

        Position(String cursor, long discarded) {
            this.cursor = cursor;
            this.discarded = discarded;
        }
    }
}
