package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardBase;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetMeteringInfoResult;
import io.github.flinkdatahub.client.model.result.ListShardResult;
import io.github.flinkdatahub.client.model.result.MergeShardResult;
import io.github.flinkdatahub.client.model.result.SplitShardResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Bodies of the shard, cursor and metering operations, both directions. */
@Internal
public final class ShardJson {
    /** The service's "no neighbour" shard id (0xFFFFFFFF). */
    public static final String NO_SHARD = "4294967295";

    private ShardJson() {}

    public static ObjectNode writeSplit(String shardId, String splitKey) {
        ObjectNode o = Json.object();
        o.put("Action", "split");
        o.put("ShardId", shardId);
        o.put("SplitKey", splitKey);
        return o;
    }

    /** Extend to {@code shardCount} shards in total ({@code ExtendMode TO}, as the SDKs send). */
    public static ObjectNode writeExtend(int shardCount) {
        ObjectNode o = Json.object();
        o.put("Action", "extend");
        o.put("ShardNumber", shardCount);
        o.put("ExtendMode", "TO");
        return o;
    }

    public static ObjectNode writeMerge(String shardId, String adjacentShardId) {
        ObjectNode o = Json.object();
        o.put("Action", "merge");
        o.put("ShardId", shardId);
        o.put("AdjacentShardId", adjacentShardId);
        return o;
    }

    public static ObjectNode writeCursor(CursorType type, long param) {
        ObjectNode o = Json.object();
        o.put("Action", "cursor");
        o.put("Type", type.name());
        if (type == CursorType.SEQUENCE) {
            o.put("Sequence", param);
        } else if (type == CursorType.SYSTEM_TIME) {
            o.put("SystemTime", param);
        }
        return o;
    }

    public static ObjectNode writeMeter() {
        ObjectNode o = Json.object();
        o.put("Action", "meter");
        return o;
    }

    public static ObjectNode writeShard(Shard s, long createTime) {
        ObjectNode o = writeShardBase(s);
        o.put("BeginKey", s.getBeginHashKey());
        o.put("EndKey", s.getEndHashKey());
        o.put("State", s.getState().name());
        o.put("ClosedTime", s.getClosedTime());
        o.put("CreateTime", createTime);
        o.set("ParentShardIds", Json.stringArray(s.getParentShardIds()));
        o.put("LeftShardId", s.getLeftShardId() == null ? NO_SHARD : s.getLeftShardId());
        o.put("RightShardId", s.getRightShardId() == null ? NO_SHARD : s.getRightShardId());
        return o;
    }

    public static ObjectNode writeShardBase(ShardBase s) {
        ObjectNode o = Json.object();
        o.put("ShardId", s.getShardId());
        o.put("BeginHashKey", s.getBeginHashKey());
        o.put("EndHashKey", s.getEndHashKey());
        return o;
    }

    public static Shard readShard(JsonNode n) {
        String left = Json.text(n, "LeftShardId");
        String right = Json.text(n, "RightShardId");
        return new Shard(
                Json.text(n, "ShardId"),
                upper(Json.text(n, "BeginHashKey")),
                upper(Json.text(n, "EndHashKey")),
                ShardState.fromWireValue(Json.text(n, "State", "ACTIVE")),
                Json.longValue(n, "CreateTime", 0),
                Json.longValue(n, "ClosedTime", 0),
                Json.stringList(n, "ParentShardIds"),
                NO_SHARD.equals(left) ? null : left,
                NO_SHARD.equals(right) ? null : right);
    }

    public static ShardBase readShardBase(JsonNode n) {
        return new ShardBase(
                Json.text(n, "ShardId"),
                upper(Json.text(n, "BeginHashKey")),
                upper(Json.text(n, "EndHashKey")));
    }

    public static ListShardResult readList(JsonNode body) {
        List<Shard> shards = new ArrayList<>();
        JsonNode arr = body.get("Shards");
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> shards.add(readShard(n)));
        }
        return new ListShardResult(
                shards,
                Json.text(body, "Protocol", "http1.1"),
                Json.longValue(body, "Interval", 0));
    }

    public static SplitShardResult readSplit(JsonNode body) {
        List<ShardBase> shards = new ArrayList<>();
        JsonNode arr = body.get("NewShards");
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> shards.add(readShardBase(n)));
        }
        return new SplitShardResult(shards);
    }

    public static ObjectNode writeSplitResult(List<? extends ShardBase> newShards) {
        ObjectNode o = Json.object();
        ArrayNode arr = o.putArray("NewShards");
        newShards.forEach(s -> arr.add(writeShardBase(s)));
        return o;
    }

    public static MergeShardResult readMerge(JsonNode body) {
        return new MergeShardResult(
                Json.text(body, "ShardId"),
                upper(Json.text(body, "BeginHashKey")),
                upper(Json.text(body, "EndHashKey")));
    }

    public static GetCursorResult readCursor(JsonNode body) {
        return new GetCursorResult(
                Json.text(body, "Cursor"),
                Json.longValue(body, "RecordTime", -1),
                Json.longValue(body, "Sequence", -1));
    }

    public static ObjectNode writeCursorResult(GetCursorResult r) {
        ObjectNode o = Json.object();
        o.put("Cursor", r.getCursor());
        o.put("RecordTime", r.getRecordTime());
        o.put("Sequence", r.getSequence());
        return o;
    }

    public static GetMeteringInfoResult readMeter(JsonNode body) {
        return new GetMeteringInfoResult(
                Json.longValue(body, "ActiveTime", 0), Json.longValue(body, "Storage", 0));
    }

    public static ObjectNode writeMeterResult(GetMeteringInfoResult r) {
        ObjectNode o = Json.object();
        o.put("ActiveTime", r.getActiveTime());
        o.put("Storage", r.getStorage());
        return o;
    }

    private static String upper(String hex) {
        return hex == null ? null : hex.toUpperCase(Locale.ROOT);
    }
}
