package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.ShardBase;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetMeteringInfoResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.ShardJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.records.ShardLogs;
import io.github.flinkdatahub.emulator.records.Shards;
import io.github.flinkdatahub.emulator.store.HashRanges;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shards: list, split, merge, extend, metering. Split, merge and extend close their parents (which
 * stay readable) and open children with the next shard ids; children report OPENING for the
 * emulator's shard opening delay.
 */
public final class ShardApi {
    private static final Logger LOG = LoggerFactory.getLogger(ShardApi.class);

    static final int MAX_ACTIVE_SHARDS = 256;

    /** Shards of a topic including closed ones. */
    static final int MAX_TOTAL_SHARDS = 512;

    /** A shard younger than this (by the data clock) can be neither split nor merged. */
    static final Duration SPLIT_MERGE_COOL_DOWN = Duration.ofSeconds(5);

    /** What the service lists as {@code Protocol} and {@code Interval}; PyDatahub needs both. */
    private static final String PROTOCOL = "http1.1";

    private static final long INTERVAL = 300_000;
    private static final String NOT_ACTIVE = "The specified shard is not active.";

    private final EmulatorContext ctx;
    private final ShardLogs logs;

    public ShardApi(EmulatorContext ctx) {
        this.ctx = ctx;
        this.logs = new ShardLogs(ctx);
    }

    /** Every shard, closed ones included, by shard id. */
    public ApiResponse list(String project, String topic) {
        ObjectNode o = Json.object();
        ArrayNode shards = o.putArray("Shards");
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            long now = ctx.nowMillis();
            List<ShardDoc> notClosed = Shards.notClosed(t);
            List<ShardDoc> all = new ArrayList<>(t.shards);
            all.sort(Shards.BY_ID);
            for (ShardDoc s : all) {
                shards.add(
                        ShardJson.writeShard(
                                Shards.toModel(s, notClosed, now), s.createTimeMillis / 1000));
            }
        }
        o.put("Protocol", PROTOCOL);
        o.put("Interval", INTERVAL);
        return ApiResponse.json(o);
    }

    /** POST on {@code .../shards} with action split, merge or extend. */
    public ApiResponse post(String project, String topic, ApiRequest request) {
        JsonNode body = request.json();
        switch (request.action()) {
            case "split":
                return split(project, topic, body);
            case "merge":
                return merge(project, topic, body);
            case "extend":
                return extend(project, topic, body);
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '" + request.action() + "' on the shards of a topic.");
        }
    }

    private ApiResponse split(String project, String topic, JsonNode body) {
        String shardId = Params.requiredText(body, "ShardId");
        BigInteger key = splitKey(Params.requiredText(body, "SplitKey"));
        List<ShardBase> children = new ArrayList<>();
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            allow(t, ExpandMode.ONLY_SPLIT, "split");
            long now = ctx.nowMillis();
            ShardDoc parent = Shards.require(t, shardId);
            requireActive(parent, now);
            if (key.compareTo(begin(parent)) <= 0 || key.compareTo(end(parent)) >= 0) {
                throw ErrorCode.INVALID_PARAMETER.exception("The key range is invalid.");
            }
            requireCooledDown(parent, now);
            checkLimits(t, 1, 2);
            children.addAll(split(t, parent, key, now));
            ctx.saveTopic(t);
        }
        return ApiResponse.json(ShardJson.writeSplitResult(children));
    }

    private ApiResponse merge(String project, String topic, JsonNode body) {
        String shardId = Params.requiredText(body, "ShardId");
        String adjacentId = Params.requiredText(body, "AdjacentShardId");
        ShardDoc merged;
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            allow(t, ExpandMode.ONLY_SPLIT, "merge");
            long now = ctx.nowMillis();
            ShardDoc a = Shards.require(t, shardId);
            ShardDoc b = Shards.require(t, adjacentId);
            requireActive(a, now);
            requireActive(b, now);
            ShardDoc left;
            ShardDoc right;
            if (end(a).equals(begin(b))) {
                left = a;
                right = b;
            } else if (end(b).equals(begin(a))) {
                left = b;
                right = a;
            } else {
                throw ErrorCode.INVALID_PARAMETER.exception("The two shards are not adjacent.");
            }
            requireCooledDown(a, now);
            requireCooledDown(b, now);
            checkLimits(t, -1, 1);
            merged =
                    newShard(
                            t,
                            left.beginHashKey,
                            right.endHashKey,
                            List.of(left.shardId, right.shardId),
                            now);
            close(left, now);
            close(right, now);
            ctx.saveTopic(t);
            LOG.info(
                    "Merged shards {} and {} of {}/{} into {}",
                    left.shardId,
                    right.shardId,
                    t.project,
                    t.name,
                    merged.shardId);
        }
        return ApiResponse.json(ShardJson.writeShardBase(base(merged)));
    }

    /**
     * Grows the topic to {@code ShardNumber} open shards ({@code ExtendMode} TO, what the SDKs
     * send; INC adds that many). The new shards take the next ids and have no parents; the open
     * shards stay open, as partitions added to a Kafka topic do (the Go SDK's producer routes
     * extend-mode topics by hash modulo the shard count, which only works if shards are added, not
     * replaced). How the service assigns hash ranges here is not documented: the emulator spreads
     * the key space evenly again over the open shards in hash order followed by the new ones, so
     * ranges stay contiguous and hash-key routing keeps working.
     */
    private ApiResponse extend(String project, String topic, JsonNode body) {
        int number = (int) Params.requiredLong(body, "ShardNumber");
        String mode = Json.text(body, "ExtendMode", "TO").toUpperCase(Locale.ROOT);
        if (!mode.equals("TO") && !mode.equals("INC")) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Invalid ExtendMode '" + mode + "': expected TO or INC.");
        }
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            allow(t, ExpandMode.ONLY_EXTEND, "extend");
            long now = ctx.nowMillis();
            List<ShardDoc> shards = Shards.notClosed(t);
            int current = shards.size();
            int target = mode.equals("TO") ? number : current + number;
            if (target <= current) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "ShardNumber "
                                + number
                                + " does not add shards: the topic"
                                + " has "
                                + current
                                + " active shards.");
            }
            checkLimits(t, target - current, target - current);
            for (int i = current; i < target; i++) {
                shards.add(newShard(t, null, null, List.of(), now));
            }
            for (int i = 0; i < target; i++) {
                shards.get(i).beginHashKey = HashRanges.boundary(i, target);
                shards.get(i).endHashKey = HashRanges.end(i, target);
            }
            ctx.saveTopic(t);
            LOG.info("Extended {}/{} from {} to {} shards", t.project, t.name, current, target);
        }
        return ApiResponse.ok();
    }

    /**
     * {@code meter}: seconds the shard has been active (until it closed) and bytes it stores now.
     */
    public ApiResponse meter(String project, String topic, String shardId) {
        GetMeteringInfoResult result;
        synchronized (ctx.lock()) {
            TopicDoc t = logs.topic(project, topic);
            ShardDoc s = Shards.require(t, shardId);
            long now = ctx.nowMillis();
            long until = Shards.state(s, now) == ShardState.CLOSED ? s.closedTimeMillis : now;
            long activeSeconds = Math.max(0, until - s.activeAtMillis) / 1000;
            result =
                    new GetMeteringInfoResult(activeSeconds, logs.log(t, s).bounds().storedBytes());
        }
        return ApiResponse.json(ShardJson.writeMeterResult(result));
    }

    /**
     * Splits {@code parent} at {@code key} (strictly inside its range); returns the children, left
     * first.
     */
    private List<ShardBase> split(TopicDoc t, ShardDoc parent, BigInteger key, long now) {
        String splitKey = HashRanges.format(key);
        ShardDoc left = newShard(t, parent.beginHashKey, splitKey, List.of(parent.shardId), now);
        ShardDoc right = newShard(t, splitKey, parent.endHashKey, List.of(parent.shardId), now);
        close(parent, now);
        LOG.info(
                "Split shard {} of {}/{} at {} into {} and {}",
                parent.shardId,
                t.project,
                t.name,
                splitKey,
                left.shardId,
                right.shardId);
        return List.of(base(left), base(right));
    }

    private ShardDoc newShard(
            TopicDoc t, String beginKey, String endKey, List<String> parents, long now) {
        ShardDoc s = new ShardDoc();
        s.shardId = Integer.toString(t.nextShardId++);
        s.beginHashKey = beginKey;
        s.endHashKey = endKey;
        s.state = Shards.ACTIVE;
        s.parentShardIds = new ArrayList<>(parents);
        s.createTimeMillis = now;
        s.activeAtMillis = now + ctx.shardOpeningDelay().toMillis();
        t.shards.add(s);
        return s;
    }

    private static void close(ShardDoc s, long now) {
        s.state = Shards.CLOSED;
        s.closedTimeMillis = now;
    }

    /** Split and merge need an ACTIVE shard (not CLOSED, not still OPENING). */
    private static void requireActive(ShardDoc s, long now) {
        if (Shards.state(s, now) != ShardState.ACTIVE) {
            throw ErrorCode.INVALID_SHARD_OPERATION.exception(NOT_ACTIVE);
        }
    }

    private static void requireCooledDown(ShardDoc s, long now) {
        if (now - s.createTimeMillis < SPLIT_MERGE_COOL_DOWN.toMillis()) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("Split/Merge shard operation limit exceeded.");
        }
    }

    /**
     * The shard quotas, for a change adding {@code addedOpen} open shards and {@code addedTotal}
     * shards.
     */
    private static void checkLimits(TopicDoc t, int addedOpen, int addedTotal) {
        int open = Shards.notClosed(t).size();
        if (open + addedOpen > MAX_ACTIVE_SHARDS) {
            throw ErrorCode.RESOURCE_LIMIT.exception(
                    "The topic "
                            + t.project
                            + "/"
                            + t.name
                            + " would have "
                            + (open + addedOpen)
                            + " active shards; at most "
                            + MAX_ACTIVE_SHARDS
                            + " are allowed.");
        }
        if (t.shards.size() + addedTotal > MAX_TOTAL_SHARDS) {
            throw ErrorCode.RESOURCE_LIMIT.exception(
                    "The topic "
                            + t.project
                            + "/"
                            + t.name
                            + " would have "
                            + (t.shards.size() + addedTotal)
                            + " shards including closed ones; at most "
                            + MAX_TOTAL_SHARDS
                            + " are allowed until closed shards expire.");
        }
    }

    /**
     * The topic's ExpandMode allows split and merge ({@code split} or both) or extend ({@code
     * extend} or both).
     */
    private static void allow(TopicDoc t, ExpandMode needed, String operation) {
        ExpandMode mode = ExpandMode.fromWireValue(t.expandMode);
        if (mode != ExpandMode.SPLIT_EXTEND && mode != needed) {
            throw ErrorCode.INVALID_OPERATION.exception(
                    "The topic "
                            + t.project
                            + "/"
                            + t.name
                            + " has ExpandMode '"
                            + mode.wireValue()
                            + "', which does not allow "
                            + operation
                            + ".");
        }
    }

    /** 1 to 32 hex digits; PyDatahub sends lower-case keys without leading zeros. */
    private static BigInteger splitKey(String text) {
        if (!text.matches("[0-9A-Fa-f]{1,32}")) {
            throw ErrorCode.INVALID_PARAMETER.exception("The key range is invalid.");
        }
        return new BigInteger(text, 16);
    }

    private static BigInteger begin(ShardDoc s) {
        return HashRanges.parse(s.beginHashKey);
    }

    private static BigInteger end(ShardDoc s) {
        return HashRanges.parse(s.endHashKey);
    }

    private static ShardBase base(ShardDoc s) {
        return new ShardBase(s.shardId, s.beginHashKey, s.endHashKey);
    }
}
