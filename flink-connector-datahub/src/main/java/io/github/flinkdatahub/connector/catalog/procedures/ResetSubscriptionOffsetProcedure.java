package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reset_subscription_offset(topic, sub_id, reset_to [, reset_value [, shard_id]])}: moves a
 * subscription so that its consumers next read, in every shard or in {@code shard_id}, from the
 * oldest retained record ({@code EARLIEST}), after the newest ({@code LATEST}), from the first
 * record written at or after {@code reset_value} ms since the epoch ({@code TIMESTAMP}), or from
 * sequence {@code reset_value} ({@code SEQUENCE}). A subscription stores the last record consumed,
 * so the offset stored is the sequence before that record. Consumers that hold a session see the
 * reset (the offset's version grows) and re-read it. Returns the stored offsets.
 */
@Internal
public final class ResetSubscriptionOffsetProcedure extends DataHubProcedure {
    /** Where the subscription's consumers go next. */
    enum Position {
        EARLIEST,
        LATEST,
        TIMESTAMP,
        SEQUENCE
    }

    ResetSubscriptionOffsetProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "reset_subscription_offset";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "sub_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "reset_to", type = @DataTypeHint("STRING")),
                @ArgumentHint(
                        name = "reset_value",
                        type = @DataTypeHint("BIGINT"),
                        isOptional = true),
                @ArgumentHint(name = "shard_id", type = @DataTypeHint("STRING"), isOptional = true)
            },
            output = @DataTypeHint("ROW<shard_id STRING, sequence BIGINT, `timestamp` BIGINT>"))
    public Row[] call(
            ProcedureContext context,
            String topic,
            String subId,
            String resetTo,
            @Nullable Long resetValue,
            @Nullable String shardId) {
        TopicRef t = topic(topic);
        String id = required("sub_id", subId);
        Position target = oneOf("reset_to", resetTo, Position.class);
        boolean needsValue = target == Position.TIMESTAMP || target == Position.SEQUENCE;
        if (needsValue && resetValue == null) {
            throw invalid("reset_value", "reset_to " + target + " needs a value");
        }
        if (!needsValue && resetValue != null) {
            throw invalid("reset_value", "reset_to " + target + " takes no value; pass NULL");
        }
        if (needsValue && resetValue < 0) {
            throw invalid("reset_value", resetValue + " is negative");
        }
        List<String> shards = shards(t, shardId);
        Map<String, OffsetBase> offsets = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (String shard : shards) {
            long next = nextSequence(t, shard, target, resetValue);
            long time = target == Position.TIMESTAMP ? resetValue : -1;
            offsets.put(shard, new OffsetBase(next - 1, time));
            rows.add(Row.of(shard, next - 1, time));
        }
        service(
                "reset the offsets of subscription " + id + " of " + t,
                () -> client().resetSubscriptionOffset(t.project, t.topic, id, offsets));
        return rows.toArray(new Row[0]);
    }

    private List<String> shards(TopicRef t, @Nullable String shardId) {
        List<String> all = new ArrayList<>();
        for (Shard s :
                service("list the shards of " + t, () -> client().listShard(t.project, t.topic))
                        .getShards()) {
            all.add(s.getShardId());
        }
        if (shardId == null) {
            return all;
        }
        String shard = shardId.trim();
        if (!all.contains(shard)) {
            throw invalid("shard_id", t + " has no shard '" + shard + "' (it has " + all + ")");
        }
        return List.of(shard);
    }

    /** The sequence of the record to be read next. */
    private long nextSequence(TopicRef t, String shard, Position target, @Nullable Long value) {
        switch (target) {
            case SEQUENCE:
                return value;
            case EARLIEST:
                return cursor(t, shard, CursorType.OLDEST, -1).getSequence();
            case TIMESTAMP:
                try {
                    return client().getCursor(
                                    t.project, t.topic, shard, CursorType.SYSTEM_TIME, value)
                            .getSequence();
                } catch (SeekOutOfRangeException e) {
                    // Later than the newest record: the next one written is the first at or after.
                    return latestNext(t, shard);
                } catch (DataHubException e) {
                    throw failed("get a SYSTEM_TIME cursor in shard " + shard + " of " + t, e);
                }
            case LATEST:
            default:
                return latestNext(t, shard);
        }
    }

    /**
     * After the newest record. An empty shard's LATEST cursor has record time 0 and already points
     * at the next sequence to be written; otherwise it points at the newest record.
     */
    private long latestNext(TopicRef t, String shard) {
        GetCursorResult latest = cursor(t, shard, CursorType.LATEST, -1);
        return latest.getRecordTime() <= 0
                ? Math.max(latest.getSequence(), 0)
                : latest.getSequence() + 1;
    }

    private GetCursorResult cursor(TopicRef t, String shard, CursorType type, long param) {
        return service(
                "get a " + type + " cursor in shard " + shard + " of " + t,
                () -> client().getCursor(t.project, t.topic, shard, type, param));
    }
}
