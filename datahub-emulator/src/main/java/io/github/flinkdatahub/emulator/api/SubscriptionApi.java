package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.client.model.result.CreateSubscriptionResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.InitAndGetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.SubscriptionJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import io.github.flinkdatahub.emulator.subscriptions.ConsumerGroups;
import io.github.flinkdatahub.emulator.subscriptions.SubscriptionDoc;
import io.github.flinkdatahub.emulator.subscriptions.SubscriptionOffsets;
import io.github.flinkdatahub.emulator.subscriptions.Subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Subscriptions, their offsets (sessions and versions) and their consumer groups. */
public final class SubscriptionApi {
    private final EmulatorContext ctx;
    private final Subscriptions subscriptions;
    private final SubscriptionOffsets offsets;
    private final ConsumerGroups groups;

    public SubscriptionApi(EmulatorContext ctx) {
        this.ctx = ctx;
        this.subscriptions = new Subscriptions(ctx);
        this.offsets = new SubscriptionOffsets(ctx, subscriptions);
        this.groups = new ConsumerGroups(ctx, subscriptions);
    }

    /** POST on {@code .../subscriptions}: create or list. */
    public ApiResponse post(String project, String topic, ApiRequest request) {
        String action = request.action();
        switch (action) {
            case "create":
                return create(project, topic, request);
            case "list":
                return list(project, topic, request.json());
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '"
                                + action
                                + "' on subscriptions; use create or list.");
        }
    }

    private ApiResponse create(String project, String topic, ApiRequest request) {
        String comment = SubscriptionJson.readCreateRequest(request.json());
        Params.read(() -> NameRules.comment(comment));
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            SubscriptionDoc doc =
                    subscriptions.create(t, comment, caller(request), SubscriptionType.USER, null);
            return ApiResponse.created(
                    SubscriptionJson.writeCreateResponse(new CreateSubscriptionResult(doc.subId)));
        }
    }

    /**
     * Pages count from 1; a page past the end is empty. Search matches the id or the comment,
     * ignoring case.
     */
    private ApiResponse list(String project, String topic, JsonNode body) {
        SubscriptionJson.ListSubscriptionRequest req =
                Params.read(() -> SubscriptionJson.readListRequest(body));
        ctx.topic(project, topic);
        String search = req.getSearch() == null ? null : req.getSearch().toLowerCase(Locale.ROOT);
        List<Subscription> matching = new ArrayList<>();
        for (SubscriptionDoc d : subscriptions.list(project, topic)) {
            if (search == null
                    || d.subId.toLowerCase(Locale.ROOT).contains(search)
                    || d.comment.toLowerCase(Locale.ROOT).contains(search)) {
                matching.add(Subscriptions.toModel(d));
            }
        }
        long from = (long) (req.getPageIndex() - 1) * req.getPageSize();
        List<Subscription> page =
                from >= matching.size()
                        ? List.of()
                        : matching.subList(
                                (int) from,
                                (int) Math.min(matching.size(), from + req.getPageSize()));
        return ApiResponse.json(
                SubscriptionJson.writeListResponse(
                        new ListSubscriptionResult(matching.size(), page)));
    }

    public ApiResponse get(String project, String topic, String subId) {
        SubscriptionDoc doc = subscriptions.require(project, topic, subId);
        return ApiResponse.json(
                SubscriptionJson.writeGetResponse(
                        new GetSubscriptionResult(Subscriptions.toModel(doc))));
    }

    /** PUT: comment or state. */
    public ApiResponse update(String project, String topic, String subId, ApiRequest request) {
        SubscriptionJson.UpdateSubscriptionRequest req =
                Params.read(() -> SubscriptionJson.readUpdateRequest(request.json()));
        if (req.getComment() != null) {
            Params.read(() -> NameRules.comment(req.getComment()));
        }
        synchronized (ctx.lock()) {
            SubscriptionDoc doc = subscriptions.require(project, topic, subId);
            if (req.getComment() != null) {
                doc.comment = req.getComment();
            }
            if (req.getState() != null) {
                doc.state = req.getState().code();
            }
            doc.lastModifyTime = ctx.nowSeconds();
            subscriptions.save(doc);
        }
        return ApiResponse.ok();
    }

    /**
     * Deletes a user subscription with its offsets; a connector's subscription goes with its
     * connector.
     */
    public ApiResponse delete(String project, String topic, String subId) {
        synchronized (ctx.lock()) {
            SubscriptionDoc doc = subscriptions.require(project, topic, subId);
            if (doc.connectorId != null) {
                throw ErrorCode.OPERATION_DENIED.exception(
                        "The subscription "
                                + subId
                                + " belongs to connector "
                                + doc.connectorId
                                + "; delete the connector instead.");
            }
            subscriptions.delete(doc);
        }
        return ApiResponse.ok();
    }

    /**
     * POST on a subscription: consumer-group calls (joinGroup, heartbeat, syncGroup, leaveGroup).
     */
    public ApiResponse group(String project, String topic, String subId, ApiRequest request) {
        String action = request.action();
        JsonNode body = request.json();
        switch (action) {
            case "joingroup":
                return ApiResponse.json(
                        groups.join(
                                project,
                                topic,
                                subId,
                                Params.requiredLong(body, "SessionTimeout")));
            case "heartbeat":
                return ApiResponse.json(
                        groups.heartbeat(
                                project,
                                topic,
                                subId,
                                Params.requiredText(body, "ConsumerId"),
                                Json.longValue(body, "VersionId", -1),
                                Json.stringList(body, "HoldShardList"),
                                Json.stringList(body, "ReadEndShardList")));
            case "syncgroup":
                groups.sync(
                        project,
                        topic,
                        subId,
                        Params.requiredText(body, "ConsumerId"),
                        Json.longValue(body, "VersionId", -1),
                        Json.stringList(body, "ReleaseShardList"),
                        Json.stringList(body, "ReadEndShardList"));
                return ApiResponse.ok();
            case "leavegroup":
                groups.leave(project, topic, subId, Params.requiredText(body, "ConsumerId"));
                return ApiResponse.ok();
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '"
                                + action
                                + "' on subscription "
                                + subId
                                + "; use joinGroup, heartbeat, syncGroup or leaveGroup.");
        }
    }

    /** {@code .../offsets}: POST open/get, PUT commit/reset. */
    public ApiResponse offsets(String project, String topic, String subId, ApiRequest request) {
        String action = request.action();
        JsonNode body = request.json();
        switch (action) {
            case "open":
                return ApiResponse.json(
                        SubscriptionJson.writeOpenOffsetResponse(
                                new InitAndGetSubscriptionOffsetResult(
                                        offsets.open(
                                                project,
                                                topic,
                                                subId,
                                                Params.read(
                                                        () ->
                                                                SubscriptionJson.readShardIds(
                                                                        body))))));
            case "get":
                return ApiResponse.json(
                        SubscriptionJson.writeGetOffsetResponse(
                                new GetSubscriptionOffsetResult(
                                        offsets.get(
                                                project,
                                                topic,
                                                subId,
                                                Params.read(
                                                        () ->
                                                                SubscriptionJson.readShardIds(
                                                                        body))))));
            case "commit":
                offsets.commit(
                        project,
                        topic,
                        subId,
                        Params.read(() -> SubscriptionJson.readCommitOffsetRequest(body)));
                return ApiResponse.ok();
            case "reset":
                offsets.reset(
                        project,
                        topic,
                        subId,
                        Params.read(() -> SubscriptionJson.readResetOffsetRequest(body)));
                return ApiResponse.ok();
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '"
                                + action
                                + "' on the offsets of "
                                + "subscription "
                                + subId
                                + "; use open, get, commit or reset.");
        }
    }

    /** The access id the request was signed with (the server has verified the signature). */
    static String caller(ApiRequest request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.startsWith("DATAHUB ")) {
            int colon = auth.indexOf(':');
            if (colon > 8) {
                return auth.substring(8, colon).trim();
            }
        }
        return "emulator";
    }
}
