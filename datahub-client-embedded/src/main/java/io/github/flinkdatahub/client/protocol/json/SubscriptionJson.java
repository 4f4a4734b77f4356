package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.result.CreateSubscriptionResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.InitAndGetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * JSON bodies of the subscription and offset operations, in both directions: {@code
 * write...Request} / {@code read...Response} for the client, {@code read...Request} / {@code
 * write...Response} for the emulator. Requests have the Java SDK 2.21.6 shape. Request readers are
 * strict; response readers are tolerant (unknown members ignored, missing ones default, unknown
 * enum codes read as null).
 */
@Internal
public final class SubscriptionJson {
    /** {@code Action} values; the service matches them ignoring case. */
    public static final String ACTION_CREATE = "create";

    public static final String ACTION_LIST = "list";
    public static final String ACTION_OPEN = "open";
    public static final String ACTION_GET = "get";
    public static final String ACTION_COMMIT = "commit";
    public static final String ACTION_RESET = "reset";

    private SubscriptionJson() {}

    // ---- create ----

    public static ObjectNode writeCreateRequest(String comment) {
        ObjectNode body = action(ACTION_CREATE);
        body.put("Comment", comment == null ? "" : comment);
        return body;
    }

    /** The comment of a create body ({@code ""} when absent). */
    public static String readCreateRequest(JsonNode body) {
        return Json.text(body, "Comment", "");
    }

    public static ObjectNode writeCreateResponse(CreateSubscriptionResult result) {
        ObjectNode body = Json.object();
        body.put("SubId", result.getSubId());
        return body;
    }

    public static CreateSubscriptionResult readCreateResponse(JsonNode body) {
        return new CreateSubscriptionResult(Json.text(body, "SubId"));
    }

    // ---- list / get ----

    /**
     * Page {@code pageIndex} (from 1) of {@code pageSize}; {@code search} filters when not empty.
     */
    public static ObjectNode writeListRequest(int pageIndex, int pageSize, String search) {
        ListSubscriptionRequest request = new ListSubscriptionRequest(pageIndex, pageSize, search);
        ObjectNode body = action(ACTION_LIST);
        body.put("PageIndex", request.getPageIndex());
        body.put("PageSize", request.getPageSize());
        if (request.getSearch() != null) {
            body.put("Search", request.getSearch());
        }
        return body;
    }

    public static ListSubscriptionRequest readListRequest(JsonNode body) {
        return new ListSubscriptionRequest(
                Json.intValue(body, "PageIndex", 0),
                Json.intValue(body, "PageSize", 0),
                Json.text(body, "Search"));
    }

    public static ObjectNode writeListResponse(ListSubscriptionResult result) {
        ObjectNode body = Json.object();
        body.put("TotalCount", result.getTotalCount());
        ArrayNode items = body.putArray("Subscriptions");
        result.getSubscriptions().forEach(s -> items.add(writeSubscription(s)));
        return body;
    }

    public static ListSubscriptionResult readListResponse(JsonNode body) {
        List<Subscription> subscriptions = new ArrayList<>();
        JsonNode items = body.get("Subscriptions");
        if (items != null && items.isArray()) {
            items.forEach(item -> subscriptions.add(readSubscription(item)));
        }
        return new ListSubscriptionResult(
                Json.longValue(body, "TotalCount", subscriptions.size()), subscriptions);
    }

    public static ObjectNode writeGetResponse(GetSubscriptionResult result) {
        return writeSubscription(result.getSubscription());
    }

    public static GetSubscriptionResult readGetResponse(JsonNode body) {
        return new GetSubscriptionResult(readSubscription(body));
    }

    // ---- update (comment or state: separate calls, the same URL) ----

    public static ObjectNode writeUpdateCommentRequest(String comment) {
        ObjectNode body = Json.object();
        body.put("Comment", Validation.notNull(comment, "subscription comment"));
        return body;
    }

    public static ObjectNode writeUpdateStateRequest(SubscriptionState state) {
        ObjectNode body = Json.object();
        body.put("State", Validation.notNull(state, "subscription state").code());
        return body;
    }

    public static UpdateSubscriptionRequest readUpdateRequest(JsonNode body) {
        JsonNode state = body.get("State");
        return new UpdateSubscriptionRequest(
                Json.text(body, "Comment"),
                state == null || state.isNull()
                        ? null
                        : SubscriptionState.fromCode(Json.intValue(body, "State", -1)));
    }

    // ---- offsets ----

    /**
     * Opens a session on the given shards (at least one): every earlier session of them becomes
     * stale.
     */
    public static ObjectNode writeOpenOffsetRequest(List<String> shardIds) {
        Validation.check(
                shardIds != null && !shardIds.isEmpty(),
                "Opening a subscription session needs at least one shard id");
        ObjectNode body = action(ACTION_OPEN);
        body.set("ShardIds", Json.stringArray(shardIds));
        return body;
    }

    /** Reads committed offsets; null or empty shardIds asks for every shard. */
    public static ObjectNode writeGetOffsetRequest(List<String> shardIds) {
        ObjectNode body = action(ACTION_GET);
        if (shardIds != null && !shardIds.isEmpty()) {
            body.set("ShardIds", Json.stringArray(shardIds));
        }
        return body;
    }

    /** The {@code ShardIds} of an open or get body; empty when absent. */
    public static List<String> readShardIds(JsonNode body) {
        return Json.stringList(body, "ShardIds");
    }

    public static ObjectNode writeOpenOffsetResponse(InitAndGetSubscriptionOffsetResult result) {
        return offsetsBody(Json.object(), result.getOffsets(), OffsetLevel.SESSION);
    }

    public static InitAndGetSubscriptionOffsetResult readOpenOffsetResponse(JsonNode body) {
        return new InitAndGetSubscriptionOffsetResult(
                readOffsets(body, SubscriptionJson::readSessionOffset));
    }

    /** Get answers carry no {@code SessionId}: a read-only view cannot commit. */
    public static ObjectNode writeGetOffsetResponse(GetSubscriptionOffsetResult result) {
        return offsetsBody(Json.object(), result.getOffsets(), OffsetLevel.VERSION);
    }

    public static GetSubscriptionOffsetResult readGetOffsetResponse(JsonNode body) {
        return new GetSubscriptionOffsetResult(
                readOffsets(body, SubscriptionJson::readVersionOffset));
    }

    /** Commits consumed positions; each must carry the version and session it was opened with. */
    public static ObjectNode writeCommitOffsetRequest(Map<String, OffsetWithSession> offsets) {
        checkOffsets(offsets);
        return offsetsBody(action(ACTION_COMMIT), offsets, OffsetLevel.SESSION);
    }

    public static Map<String, OffsetWithSession> readCommitOffsetRequest(JsonNode body) {
        return readOffsets(body, SubscriptionJson::readSessionOffset);
    }

    /**
     * Sets positions outright (and bumps their version); only sequence, time and batch index are
     * sent.
     */
    public static ObjectNode writeResetOffsetRequest(Map<String, ? extends OffsetBase> offsets) {
        checkOffsets(offsets);
        return offsetsBody(action(ACTION_RESET), offsets, OffsetLevel.BASE);
    }

    public static Map<String, OffsetBase> readResetOffsetRequest(JsonNode body) {
        return readOffsets(body, SubscriptionJson::readBaseOffset);
    }

    // ---- helpers ----

    private static ObjectNode action(String action) {
        ObjectNode body = Json.object();
        body.put("Action", action);
        return body;
    }

    private static ObjectNode writeSubscription(Subscription s) {
        ObjectNode o = Json.object();
        o.put("SubId", s.getSubId());
        o.put("TopicName", s.getTopicName());
        o.put("Comment", s.getComment());
        if (s.getCreator() != null) {
            o.put("Creator", s.getCreator());
        }
        if (s.getType() != null) {
            o.put("Type", s.getType().code());
        }
        if (s.getState() != null) {
            o.put("State", s.getState().code());
        }
        o.put("CreateTime", s.getCreateTime());
        o.put("LastModifyTime", s.getLastModifyTime());
        // Python reads IsOwner in list items but Owner in get answers: send both.
        o.put("IsOwner", s.isOwner());
        o.put("Owner", s.isOwner());
        return o;
    }

    private static Subscription readSubscription(JsonNode o) {
        return Subscription.builder()
                .subId(Json.text(o, "SubId"))
                .topicName(Json.text(o, "TopicName"))
                .comment(Json.text(o, "Comment"))
                .creator(Json.text(o, "Creator"))
                .type(code(o, "Type", SubscriptionType::fromCode))
                .state(readState(o))
                .createTime(Json.longValue(o, "CreateTime", 0))
                .lastModifyTime(Json.longValue(o, "LastModifyTime", 0))
                .owner(Json.boolValue(o, "IsOwner", Json.boolValue(o, "Owner", false)))
                .build();
    }

    /** A number as the service sends; the Java SDK's enum names are accepted too. */
    private static SubscriptionState readState(JsonNode o) {
        String name = Json.text(o, "State");
        if (name != null) {
            switch (name.trim().toUpperCase(Locale.ROOT)) {
                case "ONLINE":
                case "ACTIVE":
                    return SubscriptionState.ACTIVE;
                case "OFFLINE":
                case "INACTIVE":
                    return SubscriptionState.INACTIVE;
                default:
                    break;
            }
        }
        return code(o, "State", SubscriptionState::fromCode);
    }

    /** A numeric code; null when absent, not a number, or unknown to this client. */
    private static <E> E code(JsonNode o, String key, IntFunction<E> fromCode) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return fromCode.apply(Integer.parseInt(v.asText().trim()));
        } catch (NumberFormatException | InvalidParameterException unknown) {
            return null;
        }
    }

    private enum OffsetLevel {
        BASE,
        VERSION,
        SESSION
    }

    /**
     * {@code "Offsets":{shardId:{Timestamp,Sequence,BatchIndex[,Version[,SessionId]]}}}, in that
     * order.
     */
    private static ObjectNode offsetsBody(
            ObjectNode body, Map<String, ? extends OffsetBase> offsets, OffsetLevel level) {
        ObjectNode all = body.putObject("Offsets");
        offsets.forEach(
                (shardId, offset) -> {
                    ObjectNode o = all.putObject(shardId);
                    o.put("Timestamp", offset.getTimestamp());
                    o.put("Sequence", offset.getSequence());
                    o.put("BatchIndex", offset.getBatchIndex());
                    if (level != OffsetLevel.BASE) {
                        o.put("Version", ((OffsetWithVersion) offset).getVersion());
                    }
                    if (level == OffsetLevel.SESSION) {
                        // A JSON number, as the Java SDK sends it (it keeps the id as a string
                        // internally).
                        o.put("SessionId", ((OffsetWithSession) offset).getSessionId());
                    }
                });
        return body;
    }

    private static <T> Map<String, T> readOffsets(JsonNode body, Function<JsonNode, T> reader) {
        Map<String, T> out = new LinkedHashMap<>();
        JsonNode all = body.get("Offsets");
        if (all != null && all.isObject()) {
            all.fields().forEachRemaining(e -> out.put(e.getKey(), reader.apply(e.getValue())));
        }
        return out;
    }

    // Never committed: sequence and timestamp -1. Version and session -1 when not sent.
    private static OffsetBase readBaseOffset(JsonNode o) {
        return new OffsetBase(
                Json.longValue(o, "Sequence", -1),
                Json.longValue(o, "Timestamp", -1),
                Json.intValue(o, "BatchIndex", 0));
    }

    private static OffsetWithVersion readVersionOffset(JsonNode o) {
        return new OffsetWithVersion(
                Json.longValue(o, "Sequence", -1),
                Json.longValue(o, "Timestamp", -1),
                Json.intValue(o, "BatchIndex", 0),
                Json.longValue(o, "Version", -1));
    }

    private static OffsetWithSession readSessionOffset(JsonNode o) {
        return new OffsetWithSession(
                Json.longValue(o, "Sequence", -1),
                Json.longValue(o, "Timestamp", -1),
                Json.intValue(o, "BatchIndex", 0),
                Json.longValue(o, "Version", -1),
                Json.longValue(o, "SessionId", -1));
    }

    private static void checkOffsets(Map<String, ? extends OffsetBase> offsets) {
        Validation.check(
                offsets != null && !offsets.isEmpty(), "offsets must name at least one shard");
        offsets.forEach(
                (shardId, offset) -> {
                    Validation.notEmpty(shardId, "offset shard id");
                    Validation.notNull(offset, "offset of shard " + shardId);
                });
    }

    /** A parsed list body. */
    @Internal
    public static final class ListSubscriptionRequest {
        private final int pageIndex;
        private final int pageSize;
        private final String search;

        /**
         * @param search null or empty for no filter
         */
        public ListSubscriptionRequest(int pageIndex, int pageSize, String search) {
            Validation.check(
                    pageIndex > 0, "pageIndex must be >= 1 (pages count from 1), was " + pageIndex);
            Validation.check(pageSize > 0, "pageSize must be >= 1, was " + pageSize);
            this.pageIndex = pageIndex;
            this.pageSize = pageSize;
            this.search = search == null || search.isEmpty() ? null : search;
        }

        public int getPageIndex() {
            return pageIndex;
        }

        public int getPageSize() {
            return pageSize;
        }

        /** Null when there is no filter. */
        public String getSearch() {
            return search;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ListSubscriptionRequest)) {
                return false;
            }
            ListSubscriptionRequest r = (ListSubscriptionRequest) o;
            return pageIndex == r.pageIndex
                    && pageSize == r.pageSize
                    && Objects.equals(search, r.search);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pageIndex, pageSize, search);
        }

        @Override
        public String toString() {
            return "ListSubscriptionRequest{pageIndex="
                    + pageIndex
                    + ", pageSize="
                    + pageSize
                    + ", search="
                    + search
                    + '}';
        }
    }

    /** A parsed update body: a new comment or a new state (the Java SDK never sends both). */
    @Internal
    public static final class UpdateSubscriptionRequest {
        private final String comment;
        private final SubscriptionState state;

        public UpdateSubscriptionRequest(String comment, SubscriptionState state) {
            Validation.check(
                    comment != null || state != null,
                    "Nothing to update: the subscription update body needs \"Comment\" or \"State\"");
            this.comment = comment;
            this.state = state;
        }

        /** Null when the comment is not changed. */
        public String getComment() {
            return comment;
        }

        /** Null when the state is not changed. */
        public SubscriptionState getState() {
            return state;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof UpdateSubscriptionRequest)) {
                return false;
            }
            UpdateSubscriptionRequest r = (UpdateSubscriptionRequest) o;
            return Objects.equals(comment, r.comment) && state == r.state;
        }

        @Override
        public int hashCode() {
            return Objects.hash(comment, state);
        }

        @Override
        public String toString() {
            return "UpdateSubscriptionRequest{comment=" + comment + ", state=" + state + '}';
        }
    }
}
