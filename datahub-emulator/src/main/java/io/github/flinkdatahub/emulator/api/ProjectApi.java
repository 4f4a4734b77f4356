package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.client.model.result.GetProjectResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.ProjectJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ProjectDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Projects: create, get, list, update comment, delete (only when empty). */
public final class ProjectApi {
    /** Projects per account (service limit). */
    static final int MAX_PROJECTS = 50;

    private final EmulatorContext ctx;

    public ProjectApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse list(ApiRequest request) {
        String filter = Params.query(request, "filter");
        List<String> names = new ArrayList<>();
        for (ProjectDoc p : ctx.store().projects().all()) {
            if (filter == null
                    || p.name.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                names.add(p.name);
            }
        }
        return ApiResponse.json(ProjectJson.writeList(names));
    }

    public ApiResponse create(String name, ApiRequest request) {
        checkName(name);
        String comment = comment(request);
        synchronized (ctx.lock()) {
            String key = EmulatorStore.key(name);
            if (ctx.store().projects().contains(key)) {
                throw ErrorCode.PROJECT_ALREADY_EXIST.exception(
                        "The specified project already exists.");
            }
            if (ctx.store().projects().all().size() >= MAX_PROJECTS) {
                throw ErrorCode.RESOURCE_LIMIT.exception(
                        "The account already has " + MAX_PROJECTS + " projects.");
            }
            ProjectDoc p = new ProjectDoc();
            p.name = name;
            p.comment = comment;
            p.creator = "emulator";
            p.createTime = ctx.nowSeconds();
            p.lastModifyTime = p.createTime;
            ctx.store().projects().put(key, p);
        }
        return ApiResponse.created(Json.object());
    }

    public ApiResponse get(String name) {
        ProjectDoc p = ctx.project(name);
        com.fasterxml.jackson.databind.node.ObjectNode body =
                ProjectJson.writeGet(
                        new GetProjectResult(
                                p.name, p.comment, p.createTime, p.lastModifyTime, p.creator));
        body.set("VpcWhitelist", Json.stringArray(p.vpcWhitelist));
        return ApiResponse.json(body);
    }

    /**
     * PUT on a project: its comment, or (newer SDKs) its VPC whitelist as {@code {"VpcIds":"a,b"}}.
     */
    public ApiResponse update(String name, ApiRequest request) {
        String vpcIds = Json.text(request.json(), "VpcIds");
        if (vpcIds != null && !request.json().has("Comment")) {
            synchronized (ctx.lock()) {
                ProjectDoc p = ctx.project(name);
                p.vpcWhitelist = new ArrayList<>();
                for (String id : vpcIds.split(",")) {
                    if (!id.isBlank()) {
                        p.vpcWhitelist.add(id.trim());
                    }
                }
                p.lastModifyTime = ctx.nowSeconds();
                ctx.store().projects().put(EmulatorStore.key(name), p);
            }
            return ApiResponse.ok();
        }
        String comment = comment(request);
        synchronized (ctx.lock()) {
            ProjectDoc p = ctx.project(name);
            p.comment = comment;
            p.lastModifyTime = ctx.nowSeconds();
            ctx.store().projects().put(EmulatorStore.key(name), p);
        }
        return ApiResponse.ok();
    }

    public ApiResponse delete(String name) {
        synchronized (ctx.lock()) {
            ctx.project(name);
            if (!ctx.store().topics().keysUnder(EmulatorStore.key(name)).isEmpty()) {
                throw ErrorCode.OPERATION_DENIED.exception(
                        "The project " + name + " still has topics; delete them first.");
            }
            ctx.store().projects().remove(EmulatorStore.key(name));
        }
        return ApiResponse.ok();
    }

    private static void checkName(String name) {
        try {
            NameRules.project(name);
        } catch (InvalidParameterException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(e.getErrorMessage());
        }
    }

    private static String comment(ApiRequest request) {
        String comment = Params.text(request.json(), "Comment");
        if (comment == null) {
            throw ErrorCode.INVALID_PARAMETER.exception("The Comment is required.");
        }
        if (comment.length() > NameRules.MAX_COMMENT_LENGTH) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The Comment is longer than " + NameRules.MAX_COMMENT_LENGTH + " characters.");
        }
        return comment;
    }
}
